import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { createWorkspace, writeArticle, type Workspace } from '../helpers/workspace.js';

describe('hostile content never reaches the email', () => {
  let ws: Workspace;
  let html: string;
  let text: string;

  beforeAll(async () => {
    ws = createWorkspace();
    ws.write(
      'content/authors/eve.md',
      '---\nname: Eve <img src=x onerror=alert(1)>\nrole: "<script>alert(1)</script>"\n---\nBio with <script>alert(2)</script> and <a href="javascript:alert(3)" onclick="x()">a link</a> and [md link](javascript:alert(4)) and <b onmouseover="y()">bold</b>.\n',
    );
    writeArticle(ws, '2026-11-24-evil', {
      title: 'Title with <script>alert(5)</script> & [[digest:email]]',
      date: '2026-11-24',
      author: 'eve',
      section: '<iframe src=//evil>',
      body: 'A sentence with <script>alert(6)</script> inline HTML and an <img src=x onerror=alert(7)> image. Another sentence [with a link](javascript:alert(8)) that is long enough to count as prose here.',
    });
    const result = await runCli(['build', '--week', '2026-W48'], { cwd: ws.dir });
    expect(result.code).toBe(0);
    const dir = path.join(ws.dataDir, 'issues', '2026-W48');
    html = fs.readFileSync(path.join(dir, 'email.html'), 'utf8');
    text = fs.readFileSync(path.join(dir, 'email.txt'), 'utf8');
  });
  afterAll(() => ws.remove());

  it('has no script, event handler, iframe or javascript: URL in the HTML', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<iframe/i);
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/javascript:/i);
    expect(html).toContain('Title with &lt;script&gt;');
  });

  it('cannot smuggle a recipient placeholder through content', () => {
    expect(html).not.toContain('[[digest:email]]');
    expect(html).not.toContain('reader@example.com &amp;');
    expect(text).toContain('[[ digest:email]]');
  });

  it('keeps javascript: URLs out of the text part too', () => {
    expect(text).not.toMatch(/javascript:/i);
  });
});
