import { Lexer, type Token } from 'marked';

/**
 * Markdown → marked's block tokens (with their inline tokens). Callers only
 * read the tokens: one lexer may hand the same tokens to several stages.
 */
export type MarkdownLexer = (markdown: string) => Token[];

/** Lexes every text afresh. */
export const lexMarkdown: MarkdownLexer = (markdown) => new Lexer().lex(markdown);

/**
 * A lexer that keeps the tokens of each text it lexed, for one build: the
 * summariser and the content checks read the same article bodies, and
 * lexing is most of what either costs.
 */
export function sharedLexer(): MarkdownLexer {
  const lexed = new Map<string, Token[]>();
  return (markdown) => {
    let tokens = lexed.get(markdown);
    if (!tokens) {
      tokens = lexMarkdown(markdown);
      lexed.set(markdown, tokens);
    }
    return tokens;
  };
}
