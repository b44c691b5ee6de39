import fs from 'node:fs';
import path from 'node:path';
import { DigestError, ErrorCodes } from '../errors.js';

/** Flags that let Chromium start headless here: no sandbox as root, no background network. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** The Chromium to drive: `CHROMIUM_PATH`, else the first system install found. */
export function findChromium(env: NodeJS.ProcessEnv): string {
  const candidates = env.CHROMIUM_PATH ? [env.CHROMIUM_PATH] : CANDIDATES;
  const found = candidates.find((candidate) => fs.existsSync(candidate));
  if (!found) {
    throw new DigestError(ErrorCodes.INPUT_INVALID, 'no Chromium found for the screenshot', {
      field: 'CHROMIUM_PATH',
      hint: 'install it (Debian: apt-get install chromium) or set CHROMIUM_PATH to its executable',
    });
  }
  return found;
}

/** Options of {@link screenshotHtml}. */
export interface ScreenshotOptions {
  width: number;
  dark?: boolean;
  env: NodeJS.ProcessEnv;
  /** The issue's own images (`baseUrl/media/<name>`): shown from their files, as the preview shows them. */
  media?: { prefix: string; fileOf(name: string): Promise<string | undefined> };
}

/**
 * Renders email HTML to a full-page PNG in headless Chromium. Remote images
 * are not fetched (the page must not wait on the network), so they show as
 * blocked images, as in a client that does not load images by default; the
 * issue's local images (`options.media`) are read from their files.
 */
export async function screenshotHtml(html: string, file: string, options: ScreenshotOptions): Promise<void> {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: findChromium(options.env), args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({
      viewport: { width: options.width, height: 800 },
      colorScheme: options.dark ? 'dark' : 'light',
      deviceScaleFactor: 1,
    });
    const { media } = options;
    await page.route(/^https?:/, async (route) => {
      const url = route.request().url();
      const file = media && url.startsWith(media.prefix) ? await media.fileOf(url.slice(media.prefix.length)) : undefined;
      return file ? route.fulfill({ path: file }) : route.abort();
    });
    await page.setContent(html, { waitUntil: 'load' });
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    await page.screenshot({ path: file, fullPage: true });
  } finally {
    await browser.close();
  }
}
