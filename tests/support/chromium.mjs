// Headless Chromium for the browser checks (tests/report/browser_check.mjs,
// tests/serve/browser_check.mjs): Debian's, driven by playwright-core, in a fresh profile each
// run. TRUCE_CHROMIUM overrides the browser (default /usr/bin/chromium).

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '..', '..', 'package.json'));
const { chromium } = require('playwright-core');

// The browser in a new profile (playwright passes it as --user-data-dir); close() ends it and
// removes the profile.
export async function launchChromium(profilePrefix, viewport) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), profilePrefix));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.TRUCE_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    viewport,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    browser,
    close: async () => {
      await browser.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

// A new page whose console errors, page errors and requests to anything `allowed(url)` refuses
// are reported through fail(message); refused requests are aborted.
export async function watchedPage(browser, fail, allowed, refusal) {
  const page = await browser.newPage();
  page.on('console', (m) => { if (m.type() === 'error') fail(`console error: ${m.text()}`); });
  page.on('pageerror', (e) => fail(`page error: ${e.message}`));
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (allowed(url)) return route.continue();
    fail(refusal(url));
    return route.abort();
  });
  return page;
}
