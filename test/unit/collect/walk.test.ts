import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listMarkdownFiles } from '../../../src/collect/walk.js';

let dir: string;
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function tree(): string {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'digest-walk-'));
  fs.mkdirSync(path.join(dir, 'a/b'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'top.md'), '');
  fs.writeFileSync(path.join(dir, 'a/b/deep.md'), '');
  fs.writeFileSync(path.join(dir, 'a/notes.txt'), '');
  return dir;
}

describe('listMarkdownFiles', () => {
  it('lists *.md files recursively, sorted', () => {
    const root = tree();
    expect(listMarkdownFiles(root, { recursive: true })).toEqual({ files: [path.join(root, 'a/b/deep.md'), path.join(root, 'top.md')], skipped: [] });
  });

  it('ends on symlink loops, reading each folder once', () => {
    const root = tree();
    fs.symlinkSync(root, path.join(root, 'a/b/up'));
    fs.symlinkSync(path.join(root, 'a'), path.join(root, 'a/b/again'));
    const result = listMarkdownFiles(root, { recursive: true });
    expect(result.files).toEqual([path.join(root, 'a/b/deep.md'), path.join(root, 'top.md')]);
    expect(result.skipped.map((entry) => path.relative(root, entry.path)).sort()).toEqual(['a/b/again', 'a/b/up']);
  });

  it('reports a dangling symlink, a link to itself and a folder named *.md by path', () => {
    const root = tree();
    fs.symlinkSync(path.join(root, 'gone.md'), path.join(root, 'dangling.md'));
    fs.symlinkSync(path.join(root, 'self.md'), path.join(root, 'self.md'));
    fs.mkdirSync(path.join(root, 'folder.md'));
    fs.writeFileSync(path.join(root, 'folder.md/inside.md'), '');
    const result = listMarkdownFiles(root, { recursive: true });
    expect(result.files).toContain(path.join(root, 'folder.md/inside.md'));
    expect(result.skipped.map((entry) => [path.relative(root, entry.path), entry.reason])).toEqual([
      ['dangling.md', expect.stringMatching(/symlink that leads nowhere/)],
      ['folder.md', 'a folder, not a Markdown file'],
      ['self.md', expect.stringMatching(/symlink that leads nowhere/)],
    ]);
  });

  it('passes over a FIFO named *.md instead of blocking on it', () => {
    const root = tree();
    execFileSync('mkfifo', [path.join(root, 'pipe.md')]);
    expect(listMarkdownFiles(root, { recursive: false }).skipped).toEqual([{ path: path.join(root, 'pipe.md'), reason: 'not a regular file' }]);
  });

  it('follows a symlink to a file', () => {
    const root = tree();
    fs.symlinkSync(path.join(root, 'top.md'), path.join(root, 'alias.md'));
    expect(listMarkdownFiles(root, { recursive: false }).files).toEqual([path.join(root, 'alias.md'), path.join(root, 'top.md')]);
  });
});
