/**
 * What colour each piece of visible text has, on what background, in three
 * scenes: light (inline styles and `<style>` rules), dark (plus the rules of
 * `@media (prefers-color-scheme: dark)`) and Outlook.com's dark mode (plus the
 * rules that select `[data-ogsc]` / `[data-ogsb]`, the attributes Outlook.com
 * puts on what it recolours). No browser: a cascade of our own (styles.ts).
 */
import { parseHTML } from 'linkedom';
import { blend, colorInBackground, contrastRatio, parseColor, type Rgba } from './color.js';
import { applyRule, baseDeclarations, parseDeclarations, specificity, splitOutside, type Declaration, type Declared, type StyleRule } from './styles.js';

/** Which rendering a text/background pair was computed for. */
export type Scene = 'light' | 'dark' | 'outlook-dark';

/** One piece of visible text with its colours. */
export interface TextPair {
  scene: Scene;
  /** The text, whitespace collapsed. */
  text: string;
  /** The element the text is in, lower-case tag name. */
  tag: string;
  /** Whether it is inside a link. */
  link: boolean;
  color: Rgba;
  background: Rgba;
  ratio: number;
  fontSizePx: number;
  bold: boolean;
  /** WCAG large text: ≥ 24px, or ≥ 18.66px bold. */
  large: boolean;
}

/** The result of the analysis: pairs per scene, and selectors that could not be matched. */
export interface ContrastAnalysis {
  pairs: TextPair[];
  /** Scenes computed: `outlook-dark` only when the email has rules for it. */
  scenes: Scene[];
  unmatchedSelectors: string[];
}

interface SceneRules {
  /** Rules of every scene (outside colour-scheme media queries). */
  light: StyleRule[];
  /** Rules of `prefers-color-scheme: light`. */
  lightOnly: StyleRule[];
  dark: StyleRule[];
  outlook: StyleRule[];
}

const OUTLOOK_ATTRIBUTES = /\[\s*data-ogs[cb]\b/i;
const DARK_MEDIA = /prefers-color-scheme\s*:\s*dark/i;
const LIGHT_MEDIA = /prefers-color-scheme\s*:\s*light/i;
// Interaction states and pseudo-elements are not what a reader sees at rest.
const STATEFUL = /:(?:hover|active|focus|focus-within|focus-visible|visited|target)\b|::/i;

const WHITE: Rgba = { r: 255, g: 255, b: 255, a: 1 };
const BLACK: Rgba = { r: 0, g: 0, b: 0, a: 1 };
/** Default link colour of browsers and most mail clients. */
const LINK_BLUE: Rgba = { r: 0, g: 0, b: 238, a: 1 };
/** The canvas and text of a client in dark mode when the email declares `color-scheme: dark`. */
const DARK_CANVAS: Rgba = { r: 18, g: 18, b: 18, a: 1 };

const SKIPPED_TAGS = new Set(['HEAD', 'STYLE', 'SCRIPT', 'TITLE', 'NOSCRIPT', 'TEMPLATE']);
const BOLD_TAGS = new Set(['B', 'STRONG', 'TH', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6']);
const HEADING_EM: Record<string, number> = { H1: 2, H2: 1.5, H3: 1.17, H4: 1, H5: 0.83, H6: 0.67, SMALL: 0.83 };

/**
 * Analyses every visible text of an email (its HTML, or the document parsed
 * from it, which is left as it was), in every scene it has rules for.
 */
export function analyseContrast(email: string | Document): ContrastAnalysis {
  const document = typeof email === 'string' ? parseHTML(email).document : email;
  const unmatched: string[] = [];
  const rules = collectRules(document, unmatched);
  const elements = [...document.querySelectorAll('*')] as Element[];
  // MJML repeats the same inline styles on many elements: each distinct one is parsed once.
  const inline = new Map<string, Declaration[]>();
  const parseInline = (text: string): Declaration[] => {
    let declarations = inline.get(text);
    if (!declarations) {
      declarations = parseDeclarations(text);
      inline.set(text, declarations);
    }
    return declarations;
  };
  const base = new Map<Element, Declared>(elements.map((element) => [element, baseDeclarations(element, parseInline)]));
  const shared = cascade(document, base, rules.light, unmatched);
  const scenes: { scene: Scene; declared: Map<Element, Declared>; dark: boolean }[] = [
    { scene: 'light', declared: rules.lightOnly.length > 0 ? cascade(document, shared, rules.lightOnly, unmatched) : shared, dark: false },
    { scene: 'dark', declared: cascade(document, shared, rules.dark, unmatched), dark: true },
  ];
  if (rules.outlook.length > 0) {
    // Outlook.com marks what it recolours; as if every element were marked, each such rule matches where it could.
    const unmarked = rules.outlook.map((rule) => markedEverywhere(rule.selector));
    if (unmarked.every((selector) => selector !== undefined)) {
      const selectors = new Map(rules.outlook.map((rule, index) => [rule, unmarked[index] ?? rule.selector]));
      scenes.push({ scene: 'outlook-dark', declared: cascade(document, shared, rules.outlook, unmatched, (rule) => selectors.get(rule) ?? rule.selector), dark: true });
    } else {
      for (const element of elements) element.setAttribute('data-ogsc', '');
      for (const element of elements) element.setAttribute('data-ogsb', '');
      scenes.push({ scene: 'outlook-dark', declared: cascade(document, shared, rules.outlook, unmatched), dark: true });
      for (const element of elements) {
        element.removeAttribute('data-ogsc');
        element.removeAttribute('data-ogsb');
      }
    }
  }
  const declaresDark = /\bdark\b/i.test(document.querySelector('meta[name="color-scheme"]')?.getAttribute('content') ?? '');
  const pairs: TextPair[] = [];
  const reader = styleReader();
  for (const { scene, declared, dark } of scenes) {
    const canvas = dark && declaresDark ? DARK_CANVAS : WHITE;
    const text = dark && declaresDark ? WHITE : BLACK;
    pairs.push(...textPairs(document, declared, scene, { canvas, text }, reader));
  }
  return { pairs, scenes: scenes.map((entry) => entry.scene), unmatchedSelectors: [...new Set(unmatched)] };
}

function collectRules(document: Document, unmatched: string[]): SceneRules {
  const rules: SceneRules = { light: [], lightOnly: [], dark: [], outlook: [] };
  let order = 0;
  const add = (rule: CSSRule, scheme: 'dark' | 'light' | undefined) => {
    if ('cssRules' in rule && 'media' in rule) {
      const media = (rule as CSSMediaRule).media.mediaText;
      // Other media queries (widths, print) do not change colours at rest.
      const inner = DARK_MEDIA.test(media) ? 'dark' : LIGHT_MEDIA.test(media) ? 'light' : undefined;
      if (inner) for (const child of (rule as CSSMediaRule).cssRules) add(child, inner);
      return;
    }
    const style = rule as CSSStyleRule;
    if (typeof style.selectorText !== 'string') return;
    const declarations = parseDeclarations(style.style.cssText);
    for (const selector of splitOutside(style.selectorText, ',').map((part) => part.trim()).filter(Boolean)) {
      if (STATEFUL.test(selector)) continue;
      const entry = { selector, declarations, specificity: specificity(selector), order: order++ };
      if (OUTLOOK_ATTRIBUTES.test(selector)) rules.outlook.push(entry);
      else if (scheme === 'dark') rules.dark.push(entry);
      else if (scheme === 'light') rules.lightOnly.push(entry);
      else rules.light.push(entry);
    }
  };
  for (const element of document.querySelectorAll('style')) {
    let sheet: CSSStyleSheet | null;
    try {
      sheet = (element as HTMLStyleElement).sheet;
    } catch (error) {
      unmatched.push(`a <style> block that could not be parsed (${(error as Error).message})`);
      continue;
    }
    for (const rule of sheet?.cssRules ?? []) add(rule, undefined);
  }
  return rules;
}

const BARE_OUTLOOK_ATTRIBUTE = /\[\s*data-ogs[cb]\s*\]/gi;

/**
 * `selector` as it matches when every element has `data-ogsc` and `data-ogsb`:
 * each bare `[data-ogsc]`/`[data-ogsb]` test dropped (a lone one becomes `*`),
 * which spares setting and removing both attributes on every element. Undefined
 * when the selector tests their values, which only real attributes answer.
 */
function markedEverywhere(selector: string): string | undefined {
  const rewritten = selector.replace(BARE_OUTLOOK_ATTRIBUTE, (_match, offset: number, whole: string) => {
    const before = whole.slice(0, offset).trimEnd();
    return before === '' || /[\s>+~(,]$/.test(whole.slice(0, offset)) || /[>+~(,]$/.test(before) ? '*' : '';
  });
  return /data-ogs/i.test(rewritten) ? undefined : rewritten;
}

/** Copies `from` and applies `rules` on top, each matched by `selectorOf` (its own selector unless told). */
function cascade(
  document: Document,
  from: Map<Element, Declared>,
  rules: readonly StyleRule[],
  unmatched: string[],
  selectorOf: (rule: StyleRule) => string = (rule) => rule.selector,
): Map<Element, Declared> {
  // Copy on write: most elements match none of a scene's rules and keep `from`'s declarations.
  const result = new Map<Element, Declared>(from);
  const copied = new Set<Element>();
  for (const rule of rules) {
    let matched: Element[];
    try {
      matched = [...document.querySelectorAll(selectorOf(rule))] as Element[];
    } catch {
      // linkedom cannot match every selector; the rule is reported as not evaluated.
      unmatched.push(rule.selector);
      continue;
    }
    for (const element of matched) {
      let declared = result.get(element);
      if (!declared) continue;
      if (!copied.has(element)) {
        declared = new Map(declared);
        result.set(element, declared);
        copied.add(element);
      }
      applyRule(declared, rule);
    }
  }
  return result;
}

interface Inherited {
  color: Rgba;
  /** Backgrounds from the nearest opaque one to this element. */
  background: Rgba;
  fontSizePx: number;
  bold: boolean;
  link: boolean;
  hidden: boolean;
}

/** `parse` remembering its result per input: an email repeats the same few colour values on most elements. */
function remembered(parse: (value: string) => Rgba | undefined): (value: string) => Rgba | undefined {
  const known = new Map<string, Rgba | undefined>();
  return (value) => {
    if (known.has(value)) return known.get(value);
    const parsed = parse(value);
    known.set(value, parsed);
    return parsed;
  };
}

/** What an element's own declarations say, before inheritance. */
interface OwnStyle {
  color: Rgba | undefined;
  backgroundLayer: Rgba | undefined;
  fontSize: string | undefined;
  weight: string | undefined;
  hidden: boolean;
}

/** Reads declarations into an {@link OwnStyle}, once per declarations object: scenes share those of elements no scene rule matched. */
interface StyleReader {
  style(declared: Declared): OwnStyle;
  /** A text node's text, whitespace collapsed, read once for all scenes. */
  text(node: Node): string;
}

const NOTHING_DECLARED: Declared = new Map();

function styleReader(): StyleReader {
  const color = remembered(parseColor);
  const background = remembered(colorInBackground);
  const read = new WeakMap<Declared, OwnStyle>();
  const texts = new WeakMap<Node, string>();
  return {
    text(node) {
      let text = texts.get(node);
      if (text === undefined) {
        text = (node.textContent ?? '').replace(/\s+/g, ' ').trim();
        texts.set(node, text);
      }
      return text;
    },
    style(declared) {
      let style = read.get(declared);
      if (!style) {
        const value = (property: string) => declared.get(property)?.value.trim().toLowerCase();
        style = {
          color: color(value('color') ?? '') ?? undefined,
          backgroundLayer: background(value('background-color') ?? ''),
          fontSize: value('font-size'),
          weight: value('font-weight'),
          hidden: isHidden(value),
        };
        read.set(declared, style);
      }
      return style;
    },
  };
}

function textPairs(
  document: Document,
  declared: Map<Element, Declared>,
  scene: Scene,
  defaults: { canvas: Rgba; text: Rgba },
  reader: StyleReader,
): TextPair[] {
  const pairs: TextPair[] = [];
  const root: Inherited = { color: defaults.text, background: defaults.canvas, fontSizePx: 16, bold: false, link: false, hidden: false };
  const visit = (element: Element, parent: Inherited) => {
    if (SKIPPED_TAGS.has(element.tagName)) return;
    const own = reader.style(declared.get(element) ?? NOTHING_DECLARED);
    const isLink = element.tagName === 'A' && element.hasAttribute('href');
    const color = own.color ?? (isLink ? LINK_BLUE : parent.color);
    const background = own.backgroundLayer && own.backgroundLayer.a > 0 ? blend(own.backgroundLayer, parent.background) : parent.background;
    const fontSizePx = fontSize(own.fontSize, parent.fontSizePx, HEADING_EM[element.tagName]);
    const { weight } = own;
    const bold = weight ? weight === 'bold' || weight === 'bolder' || Number(weight) >= 600 : BOLD_TAGS.has(element.tagName) || parent.bold;
    const hidden = parent.hidden || own.hidden;
    const state: Inherited = { color, background, fontSizePx, bold, link: parent.link || isLink, hidden };
    // The element's texts all share its colours: blended and compared once.
    let shown: Rgba | undefined;
    let ratio = 0;
    for (const child of element.childNodes) {
      if (child.nodeType === 1) visit(child as Element, state);
      else if (child.nodeType === 3 && !state.hidden && state.fontSizePx > 1) {
        const text = reader.text(child);
        if (text === '') continue;
        if (!shown) {
          shown = blend(state.color, state.background);
          ratio = contrastRatio(shown, state.background);
        }
        const large = state.fontSizePx >= 24 || (state.bold && state.fontSizePx >= 18.66);
        pairs.push({
          scene, text, tag: element.tagName.toLowerCase(), link: state.link,
          color: shown, background: state.background, ratio,
          fontSizePx: state.fontSizePx, bold: state.bold, large,
        });
      }
    }
  };
  const top = document.documentElement as Element | null;
  if (top) visit(top, root);
  return pairs;
}

function isHidden(value: (property: string) => string | undefined): boolean {
  if (value('display') === 'none' || value('visibility') === 'hidden') return true;
  const opacity = value('opacity');
  if (opacity !== undefined && parseFloat(opacity) === 0) return true;
  const maxHeight = value('max-height');
  return maxHeight !== undefined && parseFloat(maxHeight) === 0 && value('overflow') === 'hidden';
}

const KEYWORD_PX: Record<string, number> = { 'xx-small': 9, 'x-small': 10, small: 13, medium: 16, large: 18, 'x-large': 24, 'xx-large': 32 };

function fontSize(value: string | undefined, parentPx: number, tagEm: number | undefined): number {
  if (value === undefined) return tagEm === undefined ? parentPx : parentPx * tagEm;
  const keyword = KEYWORD_PX[value];
  if (keyword !== undefined) return keyword;
  const match = /^(-?\d*\.?\d+)(px|pt|em|rem|%)?$/.exec(value);
  if (!match?.[1]) return parentPx;
  const number = parseFloat(match[1]);
  switch (match[2]) {
    case 'pt': return (number * 4) / 3;
    case 'em': return number * parentPx;
    case 'rem': return number * 16;
    case '%': return (number / 100) * parentPx;
    default: return number;
  }
}
