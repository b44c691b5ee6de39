import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contrastRatio } from '../../src/render/colors.js';
import { loadTemplates, renderIssue } from '../../src/render/index.js';
import { PACKAGE_ROOT } from '../../src/util/paths.js';
import { launchChromium } from '../helpers/browser.js';
import { NEWSLETTER } from '../fixtures/unit/issue.js';
import { busyWeek } from '../fixtures/unit/week.js';

// The dark-mode grey text rule reached the initials badge (1.7–2.3:1), and accent links kept their light colour.
describe('dark mode keeps the initials badge and the accent links readable', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser.close();
  });

  it.each(['#0b5cad', '#c2410c'])('with accent %s', async (accent) => {
    const { html } = await renderIssue(busyWeek(10), { ...NEWSLETTER, accent }, loadTemplates(path.join(PACKAGE_ROOT, 'templates')));
    const page = await browser.newPage({ colorScheme: 'dark' });
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html);
    const pairs = await page.evaluate(`(() => {
      const hex = (rgb) => '#' + (rgb.match(/\\d+/g) || []).slice(0, 3).map((n) => Number(n).toString(16).padStart(2, '0')).join('');
      const background = (el) => {
        for (let e = el; e; e = e.parentElement) {
          const c = getComputedStyle(e).backgroundColor;
          if (c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') return hex(c);
        }
        return '#ffffff';
      };
      return [...document.querySelectorAll('td.b, td.ct a')].map((el) => ({ tag: el.tagName, fg: hex(getComputedStyle(el).color), bg: background(el) }));
    })()`) as { tag: string; fg: string; bg: string }[];
    await page.close();
    const badges = pairs.filter((pair) => pair.tag === 'TD');
    const links = pairs.filter((pair) => pair.tag === 'A');
    expect(badges.length).toBeGreaterThan(0);
    expect(links.length).toBeGreaterThan(0);
    for (const pair of pairs) expect(contrastRatio(pair.fg, pair.bg), `${pair.tag} ${pair.fg} on ${pair.bg}`).toBeGreaterThanOrEqual(4.5);
  });
});
