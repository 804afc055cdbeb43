// Opens a truce HTML report in headless Chromium (Debian's, driven by playwright-core) the
// way a reader would, and checks it: no console errors, no network request, every chart
// drawn with the marks it should have, no overlapping text inside a chart, a tooltip on
// hover, the save-as PNG/SVG menu, and the same colour for an actor in every chart. Then the
// print layout (emulated print media at A4 width): no text overflows its box or the page, no
// chart text is truncated, no <details> is collapsed, nothing speaks of hovering, every chart
// has marks, the appendix is headed. Takes full-page screenshots (screen and print).
//
//   node tests/report/browser_check.mjs REPORT.html SCREENSHOT.png
//
// Exit 0 when every check passes; 1 with one line per failure otherwise.
// TRUCE_CHROMIUM overrides the browser (default /usr/bin/chromium).

import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchChromium, watchedPage } from '../support/chromium.mjs';

const [reportPath, screenshotPath] = process.argv.slice(2);
if (!reportPath || !screenshotPath) {
  console.error('usage: node tests/report/browser_check.mjs REPORT.html SCREENSHOT.png');
  process.exit(2);
}

const failures = [];
const fail = (msg) => failures.push(msg);
const { browser, close } = await launchChromium('truce-browser-check-', { width: 1200, height: 900 });
try {
  // Self-containment: the page may load only itself (file:) and what it makes (data:, blob:).
  const page = await watchedPage(browser, fail, (url) => /^(file|data|blob|about):/.test(url),
                                 (url) => `network request: ${url}`);

  await page.goto(pathToFileURL(path.resolve(reportPath)).href);
  await page.waitForSelector('body[data-charts-rendered="true"]', { timeout: 30000 });

  const charts = await page.$$eval('.vega-chart', (els) => els.map((el) => {
    const svg = el.querySelector('svg');
    const box = svg ? svg.getBoundingClientRect() : null;
    const expected = (el.getAttribute('data-expect-marks') || '').split(' ').filter(Boolean);
    const marks = {};
    for (const m of expected) marks[m] = el.querySelectorAll(`g.mark-${m} > *`).length;
    // Visible text boxes, to find overlaps (Vega hides labels it drops by opacity 0).
    const texts = [];
    for (const t of el.querySelectorAll('svg text')) {
      const s = getComputedStyle(t);
      let hidden = false;
      for (let n = t; n && n !== svg; n = n.parentElement) {
        const o = n.getAttribute('opacity') ?? n.getAttribute('fill-opacity');
        if (o !== null && parseFloat(o) === 0) hidden = true;
      }
      if (hidden || s.visibility === 'hidden' || s.display === 'none' || !t.textContent.trim()) continue;
      const r = t.getBoundingClientRect();
      if (r.width > 0 && r.height > 0) texts.push({ text: t.textContent, x: r.x, y: r.y, w: r.width, h: r.height });
    }
    // Legend entries: label -> colour of its symbol.
    const legend = {};
    const labels = [...el.querySelectorAll('g.role-legend-label text')].map((t) => t.textContent);
    const symbols = [...el.querySelectorAll('g.role-legend-symbol path')];
    if (labels.length === symbols.length)
      labels.forEach((l, i) => {
        const fill = symbols[i].getAttribute('fill');
        legend[l] = fill && fill !== 'transparent' && fill !== 'none' ? fill : symbols[i].getAttribute('stroke');
      });
    return {
      id: el.id, rendered: el.getAttribute('data-rendered'), width: box ? box.width : 0, height: box ? box.height : 0,
      marks, texts, legend, actions: el.querySelectorAll('.vega-actions a').length,
      actionText: [...el.querySelectorAll('.vega-actions a')].map((a) => a.textContent).join(', '),
    };
  }));

  for (const c of charts) {
    if (c.rendered !== 'true') fail(`${c.id}: not rendered (${c.rendered})`);
    if (!(c.width > 50 && c.height > 50)) fail(`${c.id}: SVG is ${c.width}x${c.height}`);
    for (const [m, n] of Object.entries(c.marks)) if (n === 0) fail(`${c.id}: no ${m} marks drawn`);
    if (!/PNG/.test(c.actionText) || !/SVG/.test(c.actionText)) fail(`${c.id}: no save as PNG/SVG menu (${c.actionText})`);
    for (let i = 0; i < c.texts.length; ++i)
      for (let j = i + 1; j < c.texts.length; ++j) {
        const a = c.texts[i], b = c.texts[j];
        // A label drawn twice on the same spot (a white halo under it) is one label.
        if (a.text === b.text && Math.abs(a.x - b.x) < 1 && Math.abs(a.y - b.y) < 1) continue;
        const ox = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
        const oy = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
        if (ox > 1 && oy > 1) fail(`${c.id}: text "${a.text}" overlaps "${b.text}"`);
      }
  }

  // The same actor has the same colour everywhere: in the legends and the actors table.
  const swatches = await page.$$eval('#scenario td.actor', (tds) => tds.map((td) => {
    const sw = td.querySelector('.swatch');
    const name = td.childNodes[1] ? td.childNodes[1].textContent.trim() : '';
    return { name, colour: sw ? getComputedStyle(sw).backgroundColor : '' };
  }));
  const toHex = (rgb) => {
    const m = /rgb\((\d+), (\d+), (\d+)\)/.exec(rgb);
    return m ? '#' + m.slice(1).map((v) => (+v).toString(16).padStart(2, '0')).join('').toUpperCase() : rgb;
  };
  const colourOf = {};
  for (const s of swatches) if (s.name && !(s.name in colourOf)) colourOf[s.name] = toHex(s.colour);
  let legendChecks = 0;
  for (const c of charts)
    for (const [label, colour] of Object.entries(c.legend)) {
      if (!(label in colourOf)) continue;
      ++legendChecks;
      if ((colour || '').toUpperCase() !== colourOf[label])
        fail(`${c.id}: ${label} is ${colour} in the legend but ${colourOf[label]} in the actors table`);
    }

  // Hover: a mark of every chart (the first few that are not covered) shows a tooltip.
  let tooltips = 0;
  for (const c of charts) {
    const marks = await page.$$(`#${c.id} g.role-mark.mark-symbol path, #${c.id} g.role-mark.mark-rect path`);
    let shown = false;
    for (const mark of marks.slice(0, 8)) {
      await mark.scrollIntoViewIfNeeded();
      const box = await mark.boundingBox();
      if (!box || box.width < 2 || box.height < 2) continue;
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      try {
        await page.waitForSelector('#vg-tooltip-element.visible', { timeout: 1500 });
        const text = await page.$eval('#vg-tooltip-element', (e) => e.textContent);
        if (!text.trim()) fail(`${c.id}: empty tooltip`);
        shown = true;
      } catch { /* covered by another mark: try the next */ }
      await page.mouse.move(0, 0);
      if (shown) break;
    }
    if (shown) ++tooltips; else fail(`${c.id}: no tooltip on hover`);
  }

  // One picture of each chart (beside the page's), for a person to look at.
  const base = screenshotPath.replace(/\.png$/, '');
  for (const c of charts) {
    const figure = await page.$(`#${c.id}`);
    await figure.evaluate((el) => el.closest('figure').scrollIntoView());
    await (await figure.evaluateHandle((el) => el.closest('figure'))).asElement().screenshot({ path: `${base}-${c.id}.png` });
  }
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${base}-top.png` });  // what a reader sees first
  await page.screenshot({ path: screenshotPath, fullPage: true });

  // Text cut short anywhere on screen: Vega ends a label it truncates with an ellipsis.
  const truncated = await page.$$eval('.vega-chart svg text', (ts) => ts.map((t) => t.textContent).filter((x) => /\u2026$/.test(x)));
  for (const t of truncated) fail(`truncated chart text: "${t}"`);

  // Paper: the print layout at A4 width (210 mm less the margins, at 96 px per inch).
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: 718, height: 1000 });
  await page.evaluate(() => window.dispatchEvent(new Event('resize')));
  await page.waitForTimeout(300);
  const print = await page.evaluate(() => {
    const out = { overflow: [], collapsed: [], hover: [], emptyCharts: [], appendix: false };
    const visible = (el) => { const s = getComputedStyle(el); return s.display !== 'none' && s.visibility !== 'hidden' && el.getClientRects().length > 0; };
    // Text wider than its box (a cell, a paragraph, a caption) is cut off or runs over the margin.
    for (const el of document.querySelectorAll('td, th, p, li, dd, dt, h1, h2, h3, h4, figcaption, blockquote, pre')) {
      if (!visible(el)) continue;
      if (el.scrollWidth > el.clientWidth + 2) out.overflow.push(`${el.tagName.toLowerCase()}: ${el.textContent.trim().slice(0, 60)}`);
      if (el.getBoundingClientRect().right > document.documentElement.clientWidth + 2)
        out.overflow.push(`past the page edge: ${el.tagName.toLowerCase()}: ${el.textContent.trim().slice(0, 60)}`);
    }
    for (const svg of document.querySelectorAll('.vega-chart svg'))
      if (svg.getBoundingClientRect().right > document.documentElement.clientWidth + 2)
        out.overflow.push(`chart past the page edge: ${svg.closest('.vega-chart').id}`);
    // Every note open on paper: the content of each <details> takes room.
    for (const d of document.querySelectorAll('details')) {
      if (!visible(d)) continue;
      const content = [...d.children].filter((c) => c.tagName !== 'SUMMARY');
      if (content.length && content.every((c) => c.getBoundingClientRect().height === 0))
        out.collapsed.push(d.querySelector('summary')?.textContent || '(no summary)');
    }
    // No caption or sentence on paper speaks of hovering.
    const text = document.body.innerText;
    for (const m of text.matchAll(/[^.\n]*\bhover\b[^.\n]*/gi)) out.hover.push(m[0].trim());
    for (const c of document.querySelectorAll('.vega-chart'))
      if (!c.querySelector('svg g.role-mark')) out.emptyCharts.push(c.id);
    out.appendix = [...document.querySelectorAll('h2')].some((h) => visible(h) && h.textContent.trim() === 'Appendix');
    return out;
  });
  for (const o of print.overflow) fail(`print: text overflows its box: ${o}`);
  for (const d of print.collapsed) fail(`print: <details> collapsed: ${d}`);
  for (const h of print.hover) fail(`print: speaks of hovering: "${h}"`);
  for (const c of print.emptyCharts) fail(`print: chart without marks: ${c}`);
  if (!print.appendix) fail('print: no heading "Appendix"');
  await page.screenshot({ path: `${base}-print.png`, fullPage: true });
  console.log(JSON.stringify({ charts: charts.length, marks: charts.map((c) => c.marks), legendChecks, tooltips,
                               screenshot: screenshotPath }));
} catch (e) {
  fail(`check aborted: ${e.message}`);
} finally {
  await close();
}

if (failures.length) {
  for (const f of failures) console.error(`FAIL ${f}`);
  process.exit(1);
}
