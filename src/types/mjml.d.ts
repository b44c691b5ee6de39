// mjml 5 ships no type declarations; this covers the part of its API we use.
declare module 'mjml' {
  export interface MjmlError {
    line: number;
    message: string;
    tagName: string;
    formattedMessage: string;
  }
  export interface MjmlOptions {
    validationLevel?: 'strict' | 'soft' | 'skip';
    keepComments?: boolean;
    minify?: boolean;
    minifyOptions?: Record<string, unknown>;
    beautify?: boolean;
    fonts?: Record<string, string>;
    ignoreIncludes?: boolean;
    filePath?: string;
    juiceOptions?: Record<string, unknown>;
  }
  export interface MjmlResult {
    html: string;
    errors: MjmlError[];
  }
  export default function mjml2html(input: string, options?: MjmlOptions): Promise<MjmlResult>;
}
