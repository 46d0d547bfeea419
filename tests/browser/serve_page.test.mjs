// End-to-end test of the archivar search page in Debian's headless Chromium,
// driven by playwright-core. Starts `archivar serve` on an index built from
// tests/fixtures/serve, types a German query, checks the highlighted hits,
// pages, clicks a facet, opens related articles, switches the UI language,
// and saves a screenshot to $OUT_DIR.
// Env: ARCHIVAR (binary), DB (index folder), OUT_DIR (screenshots).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const { ARCHIVAR, DB, OUT_DIR } = process.env;
assert.ok(ARCHIVAR && DB && OUT_DIR, 'set ARCHIVAR, DB and OUT_DIR');

function startServer() {
  const server = spawn(ARCHIVAR, ['serve', '--db', DB, '--listen', '127.0.0.1:0', '--threads', '4'],
    { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('server did not start')), 10000);
    server.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
    server.stdout.on('data', (chunk) => {
      out += chunk;
      const match = out.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (match) {
        clearTimeout(timer);
        resolve({ server, base: match[0].replace(/\/$/, '') });
      }
    });
  });
}

const steps = [];
function step(name) {
  steps.push(name);
  console.log(`ok   ${name}`);
}

const { server, base } = await startServer();
const userDataDir = mkdtempSync(path.join(tmpdir(), 'archivar-chromium-'));
let context;
let failed = false;
try {
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    locale: 'de-DE',
    viewport: { width: 1100, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    timeout: 30000,
  });
  const page = context.pages()[0] || await context.newPage();
  page.setDefaultTimeout(10000);
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('request', (r) => {
    if (!r.url().startsWith(base) && !r.url().startsWith('data:')) problems.push(`external request: ${r.url()}`);
  });

  await page.goto(`${base}/`);
  assert.equal(await page.locator('#go').textContent(), 'Suchen');
  step('page loads with German UI text for a German browser');

  await page.locator('#q').pressSequentially('Bahnst', { delay: 60 });
  await page.locator('#suggestions li').first().waitFor();
  const suggestions = await page.locator('#suggestions li').allTextContents();
  assert.ok(suggestions.some((s) => /^bahnst/i.test(s)), `suggestions: ${suggestions}`);
  step(`as-you-type suggestions (${suggestions.join(', ')})`);

  await page.locator('#q').fill('Bahn');
  await page.locator('#q').press('Enter');
  await page.locator('#summary', { hasText: 'Treffer' }).waitFor();
  // Expected counts come from the JSON API on the same index: the page must
  // show what the engine answers (the analysis decides how many match).
  const api = async (query) => (await fetch(`${base}${query}`)).json();
  const bahn = await api('/search?q=Bahn&size=10&facets=year');
  const total = bahn.total.estimated;
  assert.ok(total > 10 && total <= 20, `fixture should give two pages for Bahn, got ${total}`);
  assert.match(await page.locator('#summary').textContent(), new RegExp(`^${total} Treffer`));
  const marks = await page.locator('.hit .snippet mark').allTextContents();
  assert.ok(marks.length >= 5 && marks.every((m) => /bahn/i.test(m)), `marks: ${marks}`);
  assert.equal(await page.locator('.hit').count(), 10);
  // Titles are highlighted like snippets (the engine marks "Bahn" in them).
  const titleMarks = await page.locator('.hit h3 mark').allTextContents();
  assert.ok(titleMarks.length >= 1 && titleMarks.every((m) => /bahn/i.test(m)), `title marks: ${titleMarks}`);
  const meta = await page.locator('.hit .meta').first().textContent();
  assert.match(meta, /^\d{4}-\d{2}-\d{2} · (tagesblatt|stadtanzeiger) · de$/);
  step(`German query: ${total} hits, ${marks.length} highlighted words, date and source shown`);

  const firstPage = await page.locator('.hit').evaluateAll((hits) => hits.map((h) => h.dataset.id));
  await page.locator('#next').click();
  await page.locator('#page', { hasText: 'Seite 2 von 2' }).waitFor();
  // Polled from here: the page's CSP forbids the eval behind waitForFunction(fn, arg).
  for (let i = 0; i < 200 && (await page.locator('.hit').count()) !== total - 10; i++) {
    await page.waitForTimeout(50);
  }
  assert.equal(await page.locator('.hit').count(), total - 10);
  const secondPage = await page.locator('.hit').evaluateAll((hits) => hits.map((h) => h.dataset.id));
  assert.ok(secondPage.every((id) => !firstPage.includes(id)), 'pages overlap');
  assert.match(page.url(), /page=2/);
  step(`paging: page 2 holds the other ${total - 10} hits`);

  await page.locator('#facets button[data-filter="year:2021"]').click();
  await page.locator('#filters button[data-filter="year:2021"]', { hasText: 'Jahr: 2021' }).waitFor();
  const in2021 = bahn.facets.year.find((v) => v.value === '2021').count;
  await page.locator('#summary', { hasText: `${in2021} Treffer` }).waitFor();
  const dates = await page.locator('.hit .meta').allTextContents();
  assert.equal(dates.length, in2021);
  assert.ok(dates.every((d) => d.startsWith('2021-')), `dates: ${dates}`);
  step(`facet click filters to year 2021 (${in2021} hits)`);

  const hit = page.locator('.hit').first();
  await hit.locator('button.more').click();
  await hit.locator('.related li').first().waitFor();
  const related = await hit.locator('.related li').allTextContents();
  assert.ok(related.length >= 1 && !related[0].includes('Keine'), `related: ${related}`);
  step(`related articles open (${related.length})`);

  await page.locator('#from').fill('2021-08-01');
  await page.locator('#from').dispatchEvent('change');
  const fromAugust = (await api('/search?q=Bahn&filter=year:2021&from=2021-08-01&facets=year')).total.estimated;
  assert.ok(fromAugust < in2021, 'the date range should narrow the fixture hits');
  await page.locator('#summary', { hasText: `${fromAugust} Treffer` }).waitFor();
  step('date range narrows the hits');
  await page.locator('#from').fill('');
  await page.locator('#from').dispatchEvent('change');
  await page.locator('#summary', { hasText: `${in2021} Treffer` }).waitFor();

  await page.screenshot({ path: path.join(OUT_DIR, 'search-page.png'), fullPage: true });
  step(`screenshot ${path.join(OUT_DIR, 'search-page.png')}`);

  await page.locator('#ui-lang').click();
  assert.equal(await page.locator('#go').textContent(), 'Search');
  assert.match(await page.locator('#summary').textContent(), new RegExp(`^${in2021} results`));
  assert.equal(await page.locator('#pager').isVisible(), false);
  step('language toggle switches the UI to English');

  // The snippet is the only HTML from the API: a query with markup stays text.
  await page.goto(`${base}/?q=${encodeURIComponent('<img src=x onerror=alert(1)>')}`);
  await page.locator('#summary').filter({ hasText: /./ }).waitFor();
  assert.equal(await page.locator('.hit img, #summary img').count(), 0);
  step('markup in the query is not rendered');

  assert.deepEqual((await context.cookies()), []);
  assert.deepEqual(problems, []);
  step('no cookies, no console errors, no external requests');
} catch (error) {
  failed = true;
  console.error(`FAIL after "${steps.at(-1) ?? 'start'}": ${error.stack || error}`);
} finally {
  if (context) await context.close();
  server.kill('SIGTERM');
  rmSync(userDataDir, { recursive: true, force: true });
}
console.log(`${steps.length} passed, ${failed ? 1 : 0} failed`);
process.exit(failed ? 1 : 0);
