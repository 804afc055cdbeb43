// The explorer as an analyst uses it, in headless Chromium (Debian's, driven by playwright-core
// as tests/report/browser_check.mjs does): starts `truce serve` on a free loopback port, opens
// the printed URL, lowers Russia's territorial red line with its slider, step by step, until
// the page says a deal exists, saves that what-if, and checks the page's answer equals what
// `truce space --format json` prints for the saved file. Also: no console error, no request
// to anything but the explorer's own address, charts drawn, P(ceasefire) shown and refined.
//
//   node tests/serve/browser_check.mjs TRUCE_BINARY SCENARIO WORK_DIR
//
// Exit 0 when every check passes; 1 with one line per failure otherwise.
// TRUCE_CHROMIUM overrides the browser (default /usr/bin/chromium).

import path from 'node:path';
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { launchChromium, watchedPage } from '../support/chromium.mjs';

const [truce, scenario, work] = process.argv.slice(2);
if (!truce || !scenario || !work) {
  console.error('usage: node tests/serve/browser_check.mjs TRUCE_BINARY SCENARIO WORK_DIR');
  process.exit(2);
}
const parameter = 'red_line_min.russia.territory';
const failures = [];
const fail = (msg) => failures.push(msg);

fs.mkdirSync(work, { recursive: true });
const saveDir = fs.mkdtempSync(path.join(work, 'saves-'));
const server = spawn(truce, ['serve', scenario, '--port', '0', '--save-dir', saveDir, '--no-store'],
                     { stdio: ['ignore', 'pipe', 'pipe'] });
let serverErr = '';
server.stderr.on('data', (d) => { serverErr += d; });
const url = await new Promise((resolve, reject) => {
  let out = '';
  server.stdout.on('data', (d) => {
    out += d;
    const m = out.match(/^(http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{32})\n/);
    if (m) resolve(m[1]);
  });
  server.on('exit', (code) => reject(new Error(`truce serve ended (${code}): ${serverErr}`)));
  setTimeout(() => reject(new Error('truce serve printed no URL in 30 s: ' + serverErr)), 30000);
});
const origin = new URL(url).origin;

const { browser, close } = await launchChromium('truce-serve-check-', { width: 1400, height: 1000 });
try {
  // Nothing leaves the explorer's own address.
  const page = await watchedPage(browser, fail, (u) => /^(data|blob|about):/.test(u) || u.startsWith(origin + '/'),
                                 (u) => `request leaving ${origin}: ${u}`);
  await page.goto(url);
  await page.waitForSelector('body[data-answered="1"]', { timeout: 60000 });

  const deal = async () => Number(await page.getAttribute('#deal', 'data-zopa'));
  await page.click('#pin-a');  // the scenario as loaded, to compare with the opened deal below
  const slider = page.locator(`.param[data-name="${parameter}"] input[type=range]`);
  if (await slider.count() !== 1) throw new Error(`no slider for ${parameter}`);
  const start = Number(await slider.inputValue());
  if (await deal() !== 0) fail(`the reference scenario should start with no deal, the page says ${await deal()} packages`);

  // Lower the red line a step at a time, as a hand on the slider would, until a deal opens.
  let value = start;
  let answered = 1;
  while (await deal() === 0 && value > 0) {
    value = Math.max(0, value - 5);
    await slider.evaluate((el, v) => { el.value = String(v); el.dispatchEvent(new Event('input', { bubbles: true })); }, value);
    await page.waitForFunction((n) => Number(document.body.getAttribute('data-answered')) > n, answered, { timeout: 60000 });
    answered = Number(await page.getAttribute('body', 'data-answered'));
  }
  const zopa = await deal();
  if (zopa === 0) fail(`no deal opened with ${parameter} lowered from ${start} to 0`);
  const shownText = await page.textContent('#deal');
  const changed = await page.textContent('#changed');
  if (!changed.includes(parameter)) fail(`the changed-input list does not name ${parameter}: ${changed}`);

  // Change -> redrawn answer in the browser, per answer, over the slider's steps (not the first load).
  const timings = await page.evaluate(() => window.truceTimings.filter((t) => t.generation > 1));
  const median = (xs) => { const v = xs.slice().sort((a, b) => a - b); return v.length ? v[Math.floor((v.length - 1) / 2)] : NaN; };
  const kinds = [...new Set(timings.map((t) => t.answer))];
  console.log('change -> redrawn answer, median over ' + (answered - 1) + ' slider steps: ' +
              kinds.map((k) => `${k} ${Math.round(median(timings.filter((t) => t.answer === k).map((t) => t.ms)))} ms`).join(', '));

  // The same what-if through the CLI: saved by the page, analysed by `truce space`.
  await page.fill('#save-name', 'opened.yaml');
  await page.click('#save');
  await page.waitForFunction(() => /Saved|rror/.test(document.getElementById('action-result').textContent), null,
                             { timeout: 30000 });
  const saved = path.join(saveDir, 'opened.yaml');
  if (!fs.existsSync(saved)) {
    fail(`save as scenario wrote nothing: ${await page.textContent('#action-result')}`);
  } else {
    const cli = JSON.parse(execFileSync(truce, ['space', saved, '--format', 'json', '--no-store']).toString());
    if (cli.zopa !== zopa) fail(`the page shows ${zopa} packages in the zone of agreement, truce space says ${cli.zopa}`);
    if (!shownText.includes(`${cli.zopa} of ${cli.packages} packages`))
      fail(`the page's words "${shownText}" do not say ${cli.zopa} of ${cli.packages} packages`);
    const text = fs.readFileSync(saved, 'utf8');
    if (!text.includes(`${parameter} = ${value}`)) fail(`the saved file does not mark the what-if ${parameter} = ${value}`);
  }

  // P(ceasefire) refined to the larger run count, charts drawn.
  await page.waitForSelector('#ceasefire[data-runs="10000"]', { timeout: 60000 });
  const charts = await page.$$eval('.vega-chart', (els) => els.map((el) => ({
    id: el.id, rendered: el.getAttribute('data-rendered'), svg: !!el.querySelector('svg') })));
  if (charts.length < 3) fail(`expected the space, simulate and forecast charts, found ${charts.length}`);
  for (const c of charts) if (c.rendered !== 'true' || !c.svg) fail(`chart ${c.id} was not drawn (${c.rendered})`);

  // Pinned: the scenario as loaded (A) against the opened deal (B), side by side.
  await page.click('#pin-b');
  await page.click('#compare');
  await page.waitForSelector('#comparison table.compare tr.differs', { timeout: 120000 });
  const zopaRow = await page.$$eval('#comparison table.compare tr.differs', (rows) =>
    rows.map((r) => [...r.cells].map((c) => c.textContent)).find((cells) => /zone of agreement|zopa/i.test(cells[0])));
  if (!zopaRow) fail('the comparison of the pinned states has no differing zone-of-agreement row');
  else if (Number(zopaRow[1]) !== 0 || Number(zopaRow[2]) !== zopa)
    fail(`the comparison shows the zone of agreement ${zopaRow[1]} -> ${zopaRow[2]}, expected 0 -> ${zopa}`);

  // Reset brings the scenario back.
  await page.click('#reset-all');
  await page.waitForFunction((n) => Number(document.body.getAttribute('data-answered')) > n, answered, { timeout: 60000 });
  if (await deal() !== 0) fail('after reset all, the page still shows a deal');
  await page.screenshot({ path: path.join(work, 'serve-explorer.png'), fullPage: false });
} catch (e) {
  fail(`check stopped: ${e.message}`);
} finally {
  await close();
  server.kill('SIGTERM');
}

if (failures.length) {
  for (const f of failures) console.log(f);
  process.exit(1);
}
console.log('serve browser check: all checks passed');
