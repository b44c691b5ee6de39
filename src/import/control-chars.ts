/**
 * Control characters (U+0000–U+001F, U+007F–U+009F) come from broken
 * exports and copy-paste; in an email they are invisible at best and break
 * headers at worst, so imported text never keeps them.
 */

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS_BUT_LAYOUT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
const LAYOUT = /[\t\n\r]+/g;

/** Text of a body: control characters removed, tabs and line breaks kept (`\r\n` and `\r` become `\n`). */
export function stripControlCharacters(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(CONTROLS_BUT_LAYOUT, '');
}

/** A one-line value (title, author, section): control characters removed, tabs and line breaks become spaces. */
export function stripControlCharactersInLine(text: string): string {
  return text.replace(CONTROLS_BUT_LAYOUT, '').replace(LAYOUT, ' ');
}
