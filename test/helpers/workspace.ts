import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A throw-away newsletter project on disk: config, content and data folder. */
export interface Workspace {
  dir: string;
  configFile: string;
  dataDir: string;
  write(relative: string, text: string): string;
  read(relative: string): string;
  remove(): void;
}

/** Options for the generated config. */
export interface WorkspaceOptions {
  timezone?: string;
  extraConfig?: string;
}

/** Front matter fields of a test article. */
export interface ArticleSpec {
  title?: string;
  date: string;
  author?: string;
  summary?: string;
  section?: string;
  draft?: boolean;
  body?: string;
  extra?: string;
}

const DEFAULT_BODY =
  'The team moved the nightly batch to a streaming job. Latency fell from hours to seconds. ' +
  'Costs went down by a third because idle clusters no longer wait for work. ' +
  'We also learned where our monitoring was blind.\n\nThe rest of this post explains the migration.';

/** Creates a workspace in a fresh temp folder with a config and two authors. */
export function createWorkspace(options: WorkspaceOptions = {}): Workspace {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'digest-ws-'));
  const write = (relative: string, text: string): string => {
    const file = path.join(dir, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    return file;
  };
  const configFile = write(
    'digest.config.yaml',
    [
      'newsletter:',
      '  name: Test Weekly',
      '  from: "Test Weekly <news@test.example>"',
      '  replyTo: "Editors <editors@test.example>"',
      '  baseUrl: https://news.test.example/',
      '  unsubscribeMailto: unsubscribe@test.example',
      `timezone: ${options.timezone ?? 'Europe/Berlin'}`,
      'contentDir: ./content',
      'dataDir: ./data',
      options.extraConfig ?? '',
    ].join('\n'),
  );
  write(
    'content/authors/ada.md',
    '---\nname: Ada Park\nrole: Staff Engineer\navatar: https://cdn.test.example/ada.png\nlinks:\n  - label: Website\n    url: https://ada.test.example\n---\nAda writes about *databases*.\n',
  );
  write('content/authors/lin.md', '---\nname: Lin Osei\n---\nLin runs the platform team.\n');
  return {
    dir,
    configFile,
    dataDir: path.join(dir, 'data'),
    write,
    read: (relative) => fs.readFileSync(path.join(dir, relative), 'utf8'),
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** Markdown text of an article with the given front matter. */
export function articleText(spec: ArticleSpec): string {
  const lines = ['---'];
  if (spec.title !== undefined) lines.push(`title: ${JSON.stringify(spec.title)}`);
  lines.push(`date: ${spec.date}`);
  if (spec.author) lines.push(`author: ${spec.author}`);
  if (spec.summary) lines.push(`summary: ${JSON.stringify(spec.summary)}`);
  if (spec.section) lines.push(`section: ${spec.section}`);
  if (spec.draft) lines.push('draft: true');
  if (spec.extra) lines.push(spec.extra);
  lines.push('---', spec.body ?? DEFAULT_BODY, '');
  return lines.join('\n');
}

/** Writes `content/articles/<name>.md`. */
export function writeArticle(workspace: Workspace, name: string, spec: ArticleSpec): string {
  return workspace.write(`content/articles/${name}.md`, articleText(spec));
}

/** Writes `subscribers.csv` with the given rows and returns its path. */
export function writeSubscribers(workspace: Workspace, rows: string[]): string {
  return workspace.write('subscribers.csv', ['email,name', ...rows].join('\n') + '\n');
}
