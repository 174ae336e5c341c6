// browser.test.mjs — the browser example in headless Chromium (Debian's /usr/bin/chromium,
// driven by playwright-core): the page compiles the program, renders the sample Markdown
// with it, re-renders when the user types, and stays responsive. A screenshot is saved to
// target/js-browser/markdown.png. Needs scripts/js-examples.sh and scripts/bootstrap.sh.

import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { serve } from '../serve.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const build = path.join(root, 'examples/browser/build');
// playwright-core is a dev dependency of the JS host package (js/node_modules)
const { chromium } = createRequire(path.join(root, 'js/package.json'))('playwright-core');
for (const f of ['app.wasm', 'app-config.json', 'expected.json']) {
  if (!fs.existsSync(path.join(build, f))) throw new Error(`${path.join(build, f)} is missing: run scripts/js-examples.sh first`);
}
const expected = JSON.parse(fs.readFileSync(path.join(build, 'expected.json'), 'utf8'));
const shots = path.join(root, 'target/js-browser');

test(`the page renders Markdown with the ${expected.program} program and re-renders on input`, async (t) => {
  const server = await serve(0);
  t.after(() => server.close());
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'bw-chromium-'));
  t.after(() => fs.rmSync(profile, { recursive: true, force: true }));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1100, height: 560 },
  });
  t.after(() => context.close());
  const page = context.pages()[0] ?? (await context.newPage());
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));

  await page.goto(`${server.url}/examples/browser/`);
  await page.waitForSelector('#status[data-state="done"], #status[data-state="error"]', { timeout: 30000 });
  assert.equal(await page.getAttribute('#status', 'data-state'), 'done', await page.textContent('#status'));
  const same = (html) =>
    page.evaluate((html) => {
      const t = document.createElement('template');
      t.innerHTML = html;
      return document.getElementById('output').innerHTML === t.innerHTML;
    }, html);
  assert.ok(await same(expected.html), `rendered output: ${await page.innerHTML('#output')}`);
  assert.equal(await page.isHidden('#errors'), true, await page.textContent('#errors'));
  fs.mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: path.join(shots, 'markdown.png') });

  // typing re-renders through a new instance of the program
  const before = Number(await page.getAttribute('#status', 'data-run'));
  await page.fill('#source', expected.typed.text);
  await page.waitForFunction((n) => Number(document.getElementById('status').dataset.run) > n, before, { timeout: 10000 });
  assert.ok(await same(expected.typed.html), `typed output: ${await page.innerHTML('#output')}`);
  await page.screenshot({ path: path.join(shots, 'markdown-typed.png') });

  // the page stays responsive: the event loop turns promptly after rendering
  const lag = await page.evaluate(() => new Promise((r) => { const t0 = performance.now(); setTimeout(() => r(performance.now() - t0), 0); }));
  assert.ok(lag < 200, `event loop lag ${lag} ms`);
  assert.deepEqual(problems, []);
});
