/**
 * What a reader sees of an email in Chromium, measured from computed styles:
 * text contrast against the background actually behind it, links that look
 * like default links, separators, images and overflow. The functions run in
 * the page (no imports, no closures over test code).
 */
import type { Page } from 'playwright-core';

/** One text whose colour is too close to its background. */
export interface ContrastFailure {
  text: string;
  color: string;
  background: string;
  ratio: number;
}

/** What {@link readerView} reports of the page as shown. */
export interface ReaderView {
  /** Texts checked (visible, non-blank text nodes). */
  texts: number;
  failures: ContrastFailure[];
  /** Texts over a background image or gradient, whose background cannot be read from styles. */
  unknownBackground: string[];
  /** `scrollWidth` of the document against the viewport's width. */
  scrollWidth: number;
  viewportWidth: number;
  /** Elements sticking out past the right edge of the viewport. */
  overflowing: string[];
}

/**
 * Contrast of every visible text against its effective background: the
 * background colours of its ancestors composited over the canvas (white, or
 * Chromium's dark canvas when the email opts into a dark colour scheme).
 */
export function readerView(page: Page): Promise<ReaderView> {
  return page.evaluate(() => {
    type Rgba = [number, number, number, number];
    const parse = (value: string): Rgba | undefined => {
      const match = /^rgba?\(([^)]+)\)$/.exec(value.trim());
      if (!match?.[1]) return undefined;
      const parts = match[1].split(/[\s,/]+/).filter(Boolean).map(Number);
      return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0, parts[3] ?? 1];
    };
    const over = (top: Rgba, bottom: Rgba): Rgba => {
      const a = top[3] + bottom[3] * (1 - top[3]);
      if (a === 0) return [0, 0, 0, 0];
      const mix = (i: number) => ((top[i] ?? 0) * top[3] + (bottom[i] ?? 0) * bottom[3] * (1 - top[3])) / a;
      return [mix(0), mix(1), mix(2), a];
    };
    const luminance = ([r, g, b]: Rgba) => {
      const channel = (v: number) => {
        const s = v / 255;
        return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    const ratio = (a: Rgba, b: Rgba) => {
      const [l1, l2] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
      return (l1 + 0.05) / (l2 + 0.05);
    };
    const rootScheme = getComputedStyle(document.documentElement).colorScheme;
    const darkCanvas = /dark/.test(rootScheme) && matchMedia('(prefers-color-scheme: dark)').matches;
    const canvas: Rgba = darkCanvas ? [18, 18, 18, 1] : [255, 255, 255, 1];
    const show = (rgba: Rgba) => `rgb(${rgba.slice(0, 3).map(Math.round).join(', ')})`;

    /** Background behind `element`, or undefined when an image or gradient is part of it. */
    const backgroundOf = (element: Element): Rgba | undefined => {
      const layers: Rgba[] = [];
      for (let node: Element | null = element; node; node = node.parentElement) {
        const style = getComputedStyle(node);
        if (style.backgroundImage !== 'none') return undefined;
        const color = parse(style.backgroundColor);
        if (color && color[3] > 0) layers.push(color);
        if (color && color[3] >= 1) break;
      }
      return layers.reduceRight<Rgba>((below, layer) => over(layer, below), canvas);
    };
    const visible = (element: Element) => {
      for (let node: Element | null = element; node; node = node.parentElement) {
        const style = getComputedStyle(node);
        if (style.display === 'none' || style.visibility === 'hidden' || Number(style.opacity) === 0) return false;
      }
      const rect = element.getBoundingClientRect();
      return rect.width > 0 && rect.height > 0;
    };

    const failures: ContrastFailure[] = [];
    const unknownBackground: string[] = [];
    let texts = 0;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = (node.textContent ?? '').replace(/\s+/g, ' ').trim();
      const element = node.parentElement;
      if (!text || !element || !visible(element)) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const rect = range.getBoundingClientRect();
      // Hidden preheader tricks (1 px boxes, zero font size) draw nothing a reader sees.
      if (rect.width < 1 || rect.height < 1 || parseFloat(getComputedStyle(element).fontSize) < 1) continue;
      texts += 1;
      const background = backgroundOf(element);
      if (!background) {
        unknownBackground.push(text.slice(0, 60));
        continue;
      }
      const color = parse(getComputedStyle(element).color);
      if (!color) continue;
      const shown = over(color, background);
      const value = ratio(shown, background);
      if (value < 4.5) failures.push({ text: text.slice(0, 60), color: show(shown), background: show(background), ratio: Math.round(value * 100) / 100 });
    }
    const viewportWidth = document.documentElement.clientWidth;
    const overflowing: string[] = [];
    for (const element of document.body.querySelectorAll('*')) {
      const rect = element.getBoundingClientRect();
      if (rect.width > 0 && rect.right > viewportWidth + 1 && visible(element)) {
        overflowing.push(`${element.tagName.toLowerCase()}${element.className ? `.${String(element.className).split(' ')[0]}` : ''} (right ${Math.round(rect.right)} px)`);
      }
    }
    return { texts, failures, unknownBackground, scrollWidth: document.documentElement.scrollWidth, viewportWidth, overflowing: overflowing.slice(0, 10) };
  });
}

/** How an article's title link looks. */
export interface TitleLook {
  title: string;
  found: boolean;
  color: string;
  underlined: boolean;
}

/** The computed colour and decoration of each article title link (a link to its URL whose text is its title). */
export function titleLooks(page: Page, articles: { title: string; url: string }[]): Promise<TitleLook[]> {
  return page.evaluate((list) => {
    return list.map(({ title, url }) => {
      // The article's heading, not a contents entry linking to it: the largest text among the links.
      const size = (a: Element) => parseFloat(getComputedStyle(a.querySelector('*') ?? a).fontSize);
      const link = [...document.querySelectorAll('a')]
        .filter((a) => a.getAttribute('href')?.split('?')[0] === url.split('?')[0] && (a.textContent ?? '').replace(/\s+/g, ' ').trim() === title)
        .sort((a, b) => size(b) - size(a))[0];
      if (!link) return { title, found: false, color: '', underlined: false };
      // The decoration may sit on the link or on an element inside it that holds the text.
      const holders: Element[] = [link, ...link.querySelectorAll('*')];
      const underlined = holders.some((element) => getComputedStyle(element).textDecorationLine.includes('underline'));
      const inner = holders.at(-1) ?? link;
      return { title, found: true, color: getComputedStyle(inner).color, underlined };
    });
  }, articles);
}

/**
 * Whether something visible separates the first `pairs` pairs of article
 * titles as they follow each other on the page: a
 * border, a thin rule, or the edge of a box of another colour between them.
 * One entry per pair, true when separated.
 */
export function separatedPairs(page: Page, urls: string[], pairs: number): Promise<{ between: string; separated: boolean }[]> {
  return page.evaluate(({ list, limit }) => {
    const parse = (value: string) => {
      const match = /^rgba?\(([^)]+)\)$/.exec(value.trim());
      if (!match?.[1]) return undefined;
      const parts = match[1].split(/[\s,/]+/).filter(Boolean).map(Number);
      return { rgb: `${parts[0]},${parts[1]},${parts[2]}`, alpha: parts[3] ?? 1 };
    };
    const bgOf = (element: Element | null): string => {
      for (let node = element; node; node = node.parentElement) {
        const color = parse(getComputedStyle(node).backgroundColor);
        if (color && color.alpha > 0) return color.rgb;
      }
      return '255,255,255';
    };
    const titleTop = (url: string) => {
      // The article's heading, not a contents entry linking to it: the largest text among the links.
      const size = (a: Element) => parseFloat(getComputedStyle(a.querySelector('*') ?? a).fontSize);
      const link = [...document.querySelectorAll('a')]
        .filter((a) => a.getAttribute('href') === url && (a.textContent ?? '').trim())
        .sort((a, b) => size(b) - size(a))[0];
      return link ? link.getBoundingClientRect() : undefined;
    };
    // Consecutive as the reader meets them, top to bottom, whatever order the issue lists them in.
    const placed = list
      .map((url) => ({ url, rect: titleTop(url) }))
      .filter((entry): entry is { url: string; rect: DOMRect } => entry.rect !== undefined)
      .sort((a, b) => a.rect.top - b.rect.top)
      .slice(0, limit + 1);
    const elements = [...document.body.querySelectorAll('*')];
    const pairs: { between: string; separated: boolean }[] = [];
    for (let i = 0; i + 1 < placed.length; i++) {
      const a = placed[i]?.rect;
      const b = placed[i + 1]?.rect;
      if (!a || !b) continue;
      const [from, to] = [a.bottom, b.top];
      const separated = elements.some((element) => {
        const rect = element.getBoundingClientRect();
        // A section heading's short accent rule counts; a bullet or an underline-sized mark does not.
        if (rect.width < 24) return false;
        const style = getComputedStyle(element);
        const edges: [number, string, string, string][] = [
          [rect.top, style.borderTopStyle, style.borderTopWidth, style.borderTopColor],
          [rect.bottom, style.borderBottomStyle, style.borderBottomWidth, style.borderBottomColor],
        ];
        for (const [y, lineStyle, width, color] of edges) {
          if (y < from || y > to || lineStyle === 'none' || parseFloat(width) < 1) continue;
          const parsed = parse(color);
          if (parsed && parsed.alpha > 0 && parsed.rgb !== bgOf(element.parentElement)) return true;
        }
        // A thin rule, or a box of its own colour that starts or ends between the titles.
        const own = parse(style.backgroundColor);
        if (!own || own.alpha === 0 || own.rgb === bgOf(element.parentElement)) return false;
        const thin = rect.height <= 4 && rect.top >= from && rect.bottom <= to;
        const edge = (rect.top >= from && rect.top <= to) || (rect.bottom >= from && rect.bottom <= to);
        return thin || edge;
      });
      pairs.push({ between: `${placed[i]?.url} / ${placed[i + 1]?.url}`, separated });
    }
    return pairs;
  }, { list: urls, limit: pairs });
}

/** Each image's attributes and the box it takes. */
export interface ImageBox {
  src: string;
  width: string | null;
  height: string | null;
  boxWidth: number;
  boxHeight: number;
  loaded: boolean;
}

/** Every `<img>` of the page with its size attributes and rendered box. */
export function imageBoxes(page: Page): Promise<ImageBox[]> {
  return page.evaluate(() =>
    [...document.images].map((img) => {
      const rect = img.getBoundingClientRect();
      return {
        src: img.getAttribute('src') ?? '',
        width: img.getAttribute('width'),
        height: img.getAttribute('height'),
        boxWidth: rect.width,
        boxHeight: rect.height,
        loaded: img.complete && img.naturalWidth > 0,
      };
    }),
  );
}

/** The unsubscribe link as a reader sees it: present, on screen, with readable contrast (checked by readerView). */
export function unsubscribeLink(page: Page): Promise<{ found: boolean; visible: boolean; text: string; insideViewportWidth: boolean }> {
  return page.evaluate(() => {
    const link = [...document.querySelectorAll('a')].find((a) => /\/unsubscribe\//.test(a.getAttribute('href') ?? ''));
    if (!link) return { found: false, visible: false, text: '', insideViewportWidth: false };
    const rect = link.getBoundingClientRect();
    const style = getComputedStyle(link);
    const visible = rect.width > 0 && rect.height > 0 && style.visibility !== 'hidden' && style.display !== 'none' && parseFloat(style.fontSize) >= 10;
    return { found: true, visible, text: (link.textContent ?? '').trim(), insideViewportWidth: rect.left >= 0 && rect.right <= document.documentElement.clientWidth + 1 };
  });
}
