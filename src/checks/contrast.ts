/**
 * The contrast check: every text/background pair of the email in light mode,
 * dark mode and Outlook.com's dark mode against WCAG 2's minimum (4.5:1, 3:1
 * for large text), and the accent colour against the email's background.
 */
import type { Check } from './check.js';
import { contrastRatio, parseColor, toHex, type Rgba } from './color.js';
import { analyseContrast, type ContrastAnalysis, type Scene, type TextPair } from './contrast-analysis.js';

/** WCAG 2 AA minimum for normal text. */
export const MIN_RATIO = 4.5;
/** WCAG 2 AA minimum for large text (≥ 24px, or ≥ 18.66px bold). */
export const MIN_RATIO_LARGE = 3;

const SCENE_LABEL: Record<Scene, string> = {
  light: 'light mode',
  dark: 'dark mode (prefers-color-scheme: dark)',
  'outlook-dark': "Outlook.com's dark mode ([data-ogsc] rules)",
};

/** Shown text in a message: short, quoted. */
function quote(text: string): string {
  return `"${text.length > 48 ? `${text.slice(0, 47)}…` : text}"`;
}

function ratioText(ratio: number): string {
  return `${(Math.floor(ratio * 100) / 100).toFixed(2)}:1`;
}

/** Runs the contrast check on an email's HTML (or its parsed document); `accent` is config `theme.accent`. */
export function checkContrast(email: string | Document, accent: string): Check[] {
  return contrastChecks(analyseContrast(email), accent);
}

/** The findings of an analysis: one error per failing colour pair and scene, the accent's, and notes. */
export function contrastChecks(analysis: ContrastAnalysis, accent: string): Check[] {
  const checks: Check[] = [];
  const accentColor = parseColor(accent);
  // A background in the accent itself (a masthead, a badge) is not where accent text goes.
  const emailBackground = mostCommonBackground(analysis.pairs.filter((pair) => pair.scene === 'light' && !sameColor(pair.background, accentColor)));
  const accentFails = accentColor !== undefined && emailBackground !== undefined && contrastRatio(accentColor, emailBackground) < MIN_RATIO;
  if (accentColor && emailBackground && accentFails) {
    checks.push({
      severity: 'error', check: 'contrast',
      message: `theme.accent ${accent} colours link text on the email's background ${toHex(emailBackground)} at ${ratioText(contrastRatio(accentColor, emailBackground))}, under ${MIN_RATIO}:1: choose a darker theme.accent (or a lighter one for a dark background)`,
    });
  }
  const groups = new Map<string, TextPair[]>();
  for (const pair of analysis.pairs) {
    if (pair.ratio >= (pair.large ? MIN_RATIO_LARGE : MIN_RATIO)) continue;
    // The accent's own failure on the email's background is reported once, naming the config key.
    if (accentFails && sameColor(pair.color, accentColor) && sameColor(pair.background, emailBackground)) continue;
    const key = `${pair.scene} ${toHex(pair.color)} ${toHex(pair.background)} ${pair.large}`;
    groups.set(key, [...(groups.get(key) ?? []), pair]);
  }
  for (const pairs of groups.values()) {
    const first = pairs[0];
    if (!first) continue;
    const more = new Set(pairs.map((pair) => pair.text)).size - 1;
    const needed = first.large ? `${MIN_RATIO_LARGE}:1 for large text` : `${MIN_RATIO}:1`;
    const accentNote = accentColor && sameColor(first.color, accentColor) ? ` (theme.accent ${accent})` : '';
    checks.push({
      severity: 'error', check: 'contrast',
      message: `${SCENE_LABEL[first.scene]}: text ${quote(first.text)}${more > 0 ? ` and ${more} more` : ''} is ${toHex(first.color)}${accentNote} on ${toHex(first.background)}, ${ratioText(first.ratio)}, under ${needed}: change the template's colours for this ${first.link ? 'link' : first.tag}`,
    });
  }
  if (analysis.unmatchedSelectors.length > 0) {
    checks.push({
      severity: 'info', check: 'contrast',
      message: `contrast not evaluated for rules with selectors the checker cannot match: ${analysis.unmatchedSelectors.slice(0, 5).join(', ')}${analysis.unmatchedSelectors.length > 5 ? ', …' : ''}`,
    });
  }
  if (!analysis.scenes.includes('outlook-dark')) {
    checks.push({ severity: 'info', check: 'contrast', message: "no [data-ogsc]/[data-ogsb] rules: Outlook.com's dark mode recolours the email by itself" });
  }
  return checks;
}

function sameColor(first: Rgba | undefined, second: Rgba | undefined): boolean {
  return first !== undefined && second !== undefined && toHex(first) === toHex(second);
}

/** The background most text (links first) sits on: the email's background. */
function mostCommonBackground(pairs: readonly TextPair[]): Rgba | undefined {
  const links = pairs.filter((pair) => pair.link);
  const counts = new Map<string, { color: Rgba; count: number }>();
  for (const pair of links.length > 0 ? links : pairs) {
    const key = toHex(pair.background);
    const entry = counts.get(key) ?? { color: pair.background, count: 0 };
    entry.count += pair.text.length;
    counts.set(key, entry);
  }
  return [...counts.values()].sort((a, b) => b.count - a.count)[0]?.color;
}
