/**
 * The MJML skeleton of an email: the same components in the same nesting,
 * with no attributes, no head and placeholder content. Compiled with the same
 * options, it shows what MJML itself puts in every email, so the client check
 * can tell MJML's features from the template's.
 */

/** Components whose content is HTML or text rather than other components. */
const ENDING_TAGS = new Set(['mj-title', 'mj-preview', 'mj-text', 'mj-button', 'mj-table', 'mj-navbar-link', 'mj-social-element', 'mj-accordion-title', 'mj-accordion-text']);

/** Head components whose markup MJML writes whatever the template: kept, with placeholder content. */
const HEAD_KEPT = new Set(['mj-title', 'mj-preview']);

const TAG = /<(\/?)(mj-[a-z-]+|mjml)\b((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>/gi;

/** The attribute-free skeleton of an MJML document. */
export function mjmlSkeleton(mjml: string): string {
  const out: string[] = [];
  let skipUntil: string | undefined;
  let ending: string | undefined;
  let inHead = false;
  for (const match of mjml.matchAll(TAG)) {
    const [, closing, rawName = '', , selfClosing] = match;
    const name = rawName.toLowerCase();
    if (skipUntil) {
      if (closing && name === skipUntil) skipUntil = undefined;
      continue;
    }
    if (ending) {
      if (closing && name === ending) {
        out.push(`x</${name}>`);
        ending = undefined;
      }
      continue;
    }
    // The head is the template's (attributes, styles, fonts) but for the title and preview text,
    // whose markup is MJML's; raw HTML is the template's too.
    if (name === 'mj-head') {
      if (!selfClosing) out.push(closing ? '</mj-head>' : '<mj-head>');
      inHead = !closing && !selfClosing;
      continue;
    }
    if (inHead && !HEAD_KEPT.has(name)) {
      if (!closing && !selfClosing) skipUntil = name;
      continue;
    }
    if (!closing && name === 'mj-raw') {
      if (!selfClosing) skipUntil = name;
      continue;
    }
    if (closing) {
      out.push(`</${name}>`);
    } else if (selfClosing) {
      out.push(`<${name} />`);
    } else {
      out.push(`<${name}>`);
      if (ENDING_TAGS.has(name)) ending = name;
    }
  }
  return out.join('\n');
}
