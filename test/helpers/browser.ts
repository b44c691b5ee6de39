import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../../src/preview/screenshot.js';

/** Launches Debian's Chromium (never a downloaded browser) headless. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: findChromium(process.env), args: CHROMIUM_ARGS });
}
