/**
 * A small CSS cascade over a parsed email, without a browser: inline styles,
 * presentational attributes and `<style>` rules (matched with linkedom's
 * querySelectorAll), importance and specificity. Only the properties the
 * contrast check reads are kept.
 */

/** One `property: value [!important]`. */
export interface Declaration {
  property: string;
  value: string;
  important: boolean;
}

/** The properties the cascade keeps: colours, text size and weight, and what hides text. */
export const CASCADED = new Set([
  'color', 'background-color', 'font-size', 'font-weight', 'display', 'visibility', 'opacity', 'max-height', 'overflow', 'mso-hide',
]);

/** `a: b; c: d !important` → declarations, lower-cased property names; `background` counts as `background-color`. */
export function parseDeclarations(text: string): Declaration[] {
  const declarations: Declaration[] = [];
  for (const part of splitOutside(text, ';')) {
    const colon = part.indexOf(':');
    if (colon <= 0) continue;
    const property = part.slice(0, colon).trim().toLowerCase();
    let value = part.slice(colon + 1).trim();
    const important = /!\s*important\s*$/i.test(value);
    if (important) value = value.replace(/!\s*important\s*$/i, '').trim();
    if (value === '') continue;
    declarations.push({ property: property === 'background' ? 'background-color' : property, value, important });
  }
  return declarations;
}

/** Splits at `separator` outside quotes and parentheses. */
export function splitOutside(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (quote) {
      if (char === quote) quote = '';
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '(' || char === '[') depth++;
    else if (char === ')' || char === ']') depth = Math.max(0, depth - 1);
    else if (char === separator && depth === 0) {
      parts.push(text.slice(start, index));
      start = index + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** Selector specificity (ids, classes/attributes/pseudo-classes, types), enough for email CSS. */
export function specificity(selector: string): [number, number, number] {
  const text = selector.replace(/"[^"]*"|'[^']*'/g, '').replace(/\[[^\]]*\]/g, () => ' .attr ');
  const ids = (text.match(/#[\w-]+/g) ?? []).length;
  const classes = (text.match(/\.[\w-]+|:(?!:)[\w-]+/g) ?? []).length;
  const types = (text.replace(/#[\w-]+|\.[\w-]+|::?[\w-]+(\([^)]*\))?/g, ' ').match(/(^|[\s>+~])[a-z][\w-]*/gi) ?? []).length;
  return [ids, classes, types];
}

/** A style rule as the cascade uses it: one selector (not a list), its declarations, where it stood. */
export interface StyleRule {
  selector: string;
  declarations: Declaration[];
  specificity: [number, number, number];
  order: number;
}

/** A declared value and how strongly it was declared. */
interface Candidate {
  value: string;
  weight: number[];
}

/** Declared values of one element, by property. */
export type Declared = Map<string, Candidate>;

function stronger(candidate: Candidate, current: Candidate | undefined): boolean {
  if (!current) return true;
  for (let index = 0; index < candidate.weight.length; index++) {
    const difference = (candidate.weight[index] ?? 0) - (current.weight[index] ?? 0);
    if (difference !== 0) return difference > 0;
  }
  return true;
}

function declare(declared: Declared, declaration: Declaration, weight: number[]): void {
  if (!CASCADED.has(declaration.property)) return;
  const candidate = { value: declaration.value, weight: [declaration.important ? 1 : 0, ...weight] };
  if (stronger(candidate, declared.get(declaration.property))) declared.set(declaration.property, candidate);
}

/**
 * Where the cascade of one element starts: presentational attributes, then
 * inline styles on top of `rules`; `parse` reads the `style` attribute (a
 * caller may remember its results: declarations are never changed).
 */
export function baseDeclarations(element: Element, parse: (text: string) => readonly Declaration[] = parseDeclarations): Declared {
  const declared: Declared = new Map();
  const bgcolor = element.getAttribute('bgcolor');
  // Presentational hints lose to every author rule: weight below any specificity.
  if (bgcolor) declare(declared, { property: 'background-color', value: bgcolor, important: false }, [-1, 0, 0, 0, 0]);
  const color = element.tagName === 'FONT' ? element.getAttribute('color') : null;
  if (color) declare(declared, { property: 'color', value: color, important: false }, [-1, 0, 0, 0, 0]);
  for (const declaration of parse(element.getAttribute('style') ?? '')) declare(declared, declaration, [1, 0, 0, 0, 0]);
  return declared;
}

/** Adds a matched rule's declarations to an element's. */
export function applyRule(declared: Declared, rule: StyleRule): void {
  for (const declaration of rule.declarations) declare(declared, declaration, [0, ...rule.specificity, rule.order]);
}
