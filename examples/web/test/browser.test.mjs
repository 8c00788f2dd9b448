// The eligibility checker in a real headless Chromium (Debian's package):
// fills the form, reads the result, and takes screenshots. The Urdu one is
// kept in docs/ (rewritten only with KMCORE_UPDATE_SCREENSHOT=1, so a test
// run leaves the work tree as it was).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, dirname, extname, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

const repo = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const shots = join(repo, 'target/web');
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
};

let server;
let browser; // the persistent context
let profile;
let base;

before(async () => {
  // A static server over the repository, as a portal would serve the files.
  server = createServer(async (req, res) => {
    const path = normalize(join(repo, decodeURIComponent(new URL(req.url, 'http://x').pathname)));
    if (!path.startsWith(repo + sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(path);
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${server.address().port}/examples/web/index.html`;
  profile = await mkdtemp(join(tmpdir(), 'kmcore-chromium-'));
  // A fresh profile each run (the persistent context's user data dir).
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 900, height: 800 },
    locale: 'en-GB',
    deviceScaleFactor: 1,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
  await mkdir(shots, { recursive: true });
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
  if (profile) await rm(profile, { recursive: true, force: true });
});

/** A fresh page on the checker, failing the test on any page error. */
async function openChecker(t) {
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => msg.type() === 'error' && problems.push(`console: ${msg.text()} (${msg.location().url})`));
  t.after(async () => {
    // Nothing unset leaks into the text.
    const text = await page.textContent('body');
    await page.close();
    assert.doesNotMatch(text, /\bnull\b|\bundefined\b|NaN|\[object/);
    assert.deepEqual(problems, []);
  });
  await page.goto(base);
  await page.waitForSelector('body[data-ready="true"]');
  return page;
}

async function learnerPermit(page, asOf) {
  await page.selectOption('#service', 'driving_licence.learner_permit');
  await page.selectOption('#jurisdiction', 'PB');
  await page.fill('#as-of', asOf);
  // The form was built from the service's required facts.
  const fields = await page.$$eval('#facts [name]', (inputs) => inputs.map((i) => i.name));
  assert.deepEqual(fields, ['category', 'date_of_birth', 'has_valid_cnic']);
  await page.selectOption('#fact-category', 'motorcycle');
  await page.fill('#fact-date_of_birth', '2008-02-29');
  await page.check('#fact-has_valid_cnic');
  await page.click('#check');
  await page.waitForSelector('#result:not([hidden])');
}

test('Urdu: an eligible learner permit, right to left, with the fee and documents', async (t) => {
  const page = await openChecker(t);
  await page.selectOption('#lang', 'ur');
  await learnerPermit(page, '2026-03-01');
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
  assert.equal(await page.getAttribute('html', 'lang'), 'ur');
  assert.equal(await page.getAttribute('#result', 'data-outcome'), 'eligible');
  assert.equal(await page.textContent('#outcome'), 'آپ درخواست دے سکتے ہیں');
  // The amount keeps its order inside the Urdu line.
  assert.equal(await page.textContent('#fee'), 'Rs 500');
  assert.equal(await page.getAttribute('#fee bdi', 'dir'), 'ltr');
  const reasons = await page.$$eval('#reasons li', (items) => items.map((li) => li.textContent));
  assert.ok(reasons.length > 0);
  assert.ok(reasons.every((r) => /[\u0600-\u06FF]/.test(r)), reasons.join('\n'));
  // Numbers inside the messages are isolated left to right.
  assert.ok(reasons.some((r) => r.includes('\u2066')), reasons.join('\n'));
  const documents = await page.$$eval('#documents li', (items) => items.map((li) => li.dataset.id));
  assert.ok(documents.includes('cnic'), documents.join(', '));
  const path = join(shots, 'web-checker-ur.png');
  await page.screenshot({ path, fullPage: true });
  if (process.env.KMCORE_UPDATE_SCREENSHOT === '1') {
    await page.screenshot({ path: join(repo, 'docs/web-checker-ur.png'), fullPage: true });
  }
});

test('English: too young on the day before the 18th birthday is refused, with the reason', async (t) => {
  const page = await openChecker(t);
  await learnerPermit(page, '2026-02-28');
  assert.equal(await page.getAttribute('html', 'dir'), 'ltr');
  assert.equal(await page.getAttribute('#result', 'data-outcome'), 'refused');
  assert.equal(await page.textContent('#outcome'), 'You cannot apply yet');
  const failed = await page.$$eval('#reasons li.failed', (items) => items.map((li) => li.dataset.code));
  assert.deepEqual(failed, ['age.minimum']);
  assert.match(await page.textContent('#fee'), /No fee is due/);
  // Refused for age alone: the page says when to come back (the birthday).
  assert.notEqual(await page.$('#come-back'), null);
  assert.match(await page.textContent('#come-back'), /2026/);
  // Switching language redraws the same decision in Urdu.
  await page.selectOption('#lang', 'ur');
  assert.equal(await page.getAttribute('#result', 'data-outcome'), 'refused');
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
  await page.screenshot({ path: join(shots, 'web-checker-refused-ur.png'), fullPage: true });
});

test('a deadline check takes moments and shows the last moment', async (t) => {
  const page = await openChecker(t);
  await page.selectOption('#service', 'guest_registration.deadline');
  await page.selectOption('#jurisdiction', 'PB');
  await page.selectOption('#fact-establishment', 'hotel');
  await page.fill('#fact-checked_in_at', '2025-05-01T16:00');
  await page.fill('#fact-reported_at', '2025-05-01T19:30');
  await page.click('#check');
  await page.waitForSelector('#result:not([hidden])');
  assert.equal(await page.getAttribute('#result', 'data-outcome'), 'refused');
  assert.equal(await page.textContent('#deadline bdi'), '2025-05-01 19:00');
});

test('a form left incomplete is undetermined, not a refusal or a crash', async (t) => {
  const page = await openChecker(t);
  await page.selectOption('#service', 'arms_licence.new');
  await page.selectOption('#jurisdiction', 'PB');
  await page.click('#check');
  await page.waitForSelector('#result:not([hidden])');
  assert.equal(await page.getAttribute('#result', 'data-outcome'), 'undetermined');
});
