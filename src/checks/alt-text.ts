/**
 * Alt text of every image in the email. `alt=""` marks an image as
 * decorative, which is right unless the image is all a link has to say;
 * alt text that repeats the text beside it makes screen readers say it twice.
 */
import type { Check } from './check.js';

const words = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim().toLowerCase();

function describe(image: Element): string {
  const src = image.getAttribute('src') ?? '';
  return src ? `image ${src.length > 80 ? `${src.slice(0, 79)}…` : src}` : 'an image without src';
}

/** Tracking pixels and spacers need no alt text. */
function isSpacer(image: Element): boolean {
  const size = (name: string) => Number.parseFloat(image.getAttribute(name) ?? '');
  return size('width') <= 2 || size('height') <= 2;
}

/** The texts near an image: those of the closest of its three nearest ancestors that has any. */
function textBeside(image: Element): string[] {
  let ancestor = image.parentElement;
  for (let level = 0; ancestor && level < 3; level++, ancestor = ancestor.parentElement) {
    if (words(ancestor.textContent) === '') continue;
    const texts: string[] = [];
    const walk = (node: Node) => {
      for (const child of node.childNodes) {
        if (child.nodeType === 3) texts.push(words(child.textContent));
        else if (child.nodeType === 1) walk(child);
      }
    };
    walk(ancestor);
    return texts.filter(Boolean);
  }
  return [];
}

/** Checks the images of a parsed email. */
export function checkAltText(document: Document): Check[] {
  const checks: Check[] = [];
  for (const image of document.querySelectorAll('img') as Iterable<Element>) {
    if (isSpacer(image) || image.getAttribute('role') === 'presentation' || image.getAttribute('aria-hidden') === 'true') continue;
    const alt = image.getAttribute('alt');
    const link = image.closest('a');
    if (alt === null) {
      checks.push({ severity: 'warning', check: 'alt-text', message: `${describe(image)} has no alt attribute: screen readers read out its file name; give it alt text, or alt="" if it is decorative` });
      continue;
    }
    if (words(alt) === '') {
      if (link && words(link.textContent) === '' && !link.getAttribute('aria-label') && !link.getAttribute('title')) {
        checks.push({ severity: 'warning', check: 'alt-text', message: `${describe(image)} is a link's only content and has alt="": the link has no name; describe where it goes in the alt text` });
      }
      continue;
    }
    if (textBeside(image).includes(words(alt))) {
      checks.push({ severity: 'warning', check: 'alt-text', message: `the alt text of ${describe(image)} ("${alt.trim()}") repeats the text beside it: screen readers say it twice; use alt=""` });
    }
  }
  return checks;
}
