// An auditor answers a question about a visitor the demo banner recorded: they sign in to the console, find the
// visitor, see their decisions on a timeline, check the bundle in the page, and see a bundle altered by one byte fail.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, SCREENSHOTS } from '../lib/browser.mjs';
import { startLedger } from '../lib/ledger.mjs';

const SITE = 'smartbump.opendatasoft.com';
let ledger;
let browser;

before(async () => {
  ledger = await startLedger(Number(process.env.E2E_PORT ?? 58480) + 1);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await ledger?.stop();
});

/** A visitor chooses on the demo banner, then changes their mind: two decisions, through the SDK. */
async function visitorOfTheShop() {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${ledger.base}/demo/?site=${SITE}`);
  await page.getByTestId('accept-all').click();
  await page.getByTestId('delivery').filter({ hasText: 'Recorded' }).waitFor();
  await page.getByTestId('withdraw').click();
  await page.getByTestId('statuses').filter({ hasText: 'WITHDRAWN' }).waitFor();
  const visitor = await page.getByTestId('visitor').textContent();
  await context.close();
  return visitor;
}

test('the auditor finds the visitor, sees the timeline and verifies the bundle in the page', async () => {
  const visitor = await visitorOfTheShop();
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${ledger.base}/console/`);
  await page.getByTestId('sign-in-token').fill(ledger.token);
  await page.getByTestId('sign-in-submit').click();

  await page.getByTestId('nav-ledger').click();
  await page.getByTestId('ledger-events').filter({ hasText: /\d/ }).waitFor();
  assert.ok(Number((await page.getByTestId('ledger-events').textContent()).replace(/\D/g, '')) >= 4);
  await page.screenshot({ path: join(SCREENSHOTS, 'console-ledger.png'), fullPage: true });

  await page.getByTestId('nav-visitor').click();
  await page.getByTestId('site-select').selectOption(SITE);
  await page.getByTestId('visitor-input').fill(visitor);
  await page.getByTestId('visitor-load').click();
  await page.locator('[data-testid=timeline-svg] [data-status]').first().waitFor();
  const statuses = await page.locator('[data-testid=timeline-svg] [data-category=statistics] [data-status]')
    .evaluateAll((bars) => bars.map((b) => b.dataset.status));
  assert.ok(statuses.includes('GRANTED') && statuses.includes('WITHDRAWN'), `statistics: ${statuses}`);
  const events = await page.getByTestId('events-table').textContent();
  assert.match(events, /consent\.given/);
  assert.match(events, /consent\.withdrawn/);
  await page.screenshot({ path: join(SCREENSHOTS, 'console-visitor.png'), fullPage: true });

  await page.getByTestId('verify-bundle').click();
  await page.getByTestId('verdict').filter({ hasText: 'VERIFIED' }).waitFor();
  assert.equal((await page.getByTestId('verdict').textContent()).trim(), 'VERIFIED');
  assert.equal(await page.locator('[data-testid=checks] li.failed').count(), 0);
  assert.ok(await page.locator('[data-testid=checks] li.ok').count() > 5);
  await page.screenshot({ path: join(SCREENSHOTS, 'console-verified.png'), fullPage: true });

  const [download] = await Promise.all([page.waitForEvent('download'),
    page.getByTestId('download-bundle').click()]);
  const original = readFileSync(await download.path(), 'utf8');
  const tampered = join(SCREENSHOTS, 'tampered-bundle.json');
  // One byte: the category the visitor granted now reads otherwise.
  writeFileSync(tampered, original.replace('"statistics"', '"Statistics"'));
  assert.notEqual(readFileSync(tampered, 'utf8'), original);
  await page.getByTestId('bundle-file').setInputFiles(tampered);
  await page.getByTestId('verdict').filter({ hasText: 'NOT VERIFIED' }).waitFor();
  assert.ok(await page.locator('[data-testid=checks] li.failed').count() > 0);
  await page.screenshot({ path: join(SCREENSHOTS, 'console-tampered.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});
