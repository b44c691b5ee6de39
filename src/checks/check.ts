/** How much a check matters: an error stops a send, a warning is worth fixing, info is a note. */
export type CheckSeverity = 'error' | 'warning' | 'info';

/** What a check is about. */
export type CheckKind =
  | 'missing-alt'
  | 'missing-author'
  | 'long-summary'
  | 'broken-link'
  | 'relative-link'
  | 'empty-summary'
  | 'size'
  | 'source'
  | 'content'
  | 'render'
  | 'invalid-file'
  | 'late'
  | 'image-size'
  | 'client-support'
  | 'contrast'
  | 'alt-text'
  | 'link'
  | 'online-link'
  | 'headers'
  | 'spam'
  | 'dkim';

/** One finding about an issue, as `issue.json`, the CLI and the preview show it. */
export interface Check {
  severity: CheckSeverity;
  check: CheckKind;
  /** One sentence: what is wrong, then what to do. */
  message: string;
  /** Path of the file concerned as shown to the editor (e.g. Article.file), when there is one. */
  file?: string;
  /** 1-based line in that file when known. */
  line?: number;
}
