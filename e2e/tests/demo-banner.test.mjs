// A visitor meets the demo shop's banner: their choice reaches the ledger through the SDK, from their browser, under
// the notice the banner showed; with the network cut, it waits in the browser and is delivered once it is back.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launch, SCREENSHOTS } from '../lib/browser.mjs';
import { startLedger } from '../lib/ledger.mjs';

const SITE = 'smartbump.opendatasoft.com';
let ledger;
let browser;

before(async () => {
  ledger = await startLedger(Number(process.env.E2E_PORT ?? 58480));
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await ledger?.stop();
});

async function openShop() {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${ledger.base}/demo/?site=${SITE}`);
  await page.getByTestId('banner').waitFor({ state: 'visible' });
  const visitor = await page.getByTestId('visitor').textContent();
  return { context, page, visitor };
}

async function events(visitor) {
  return (await ledger.api(`/api/v1/sites/${SITE}/visitors/${visitor}/events`)).events;
}

test('the banner records the choice made on it, from the browser, under its notice', async () => {
  const { context, page, visitor } = await openShop();
  assert.match(await page.getByTestId('ask').textContent(), /never-asked/);
  await page.screenshot({ path: join(SCREENSHOTS, 'demo-banner.png') });
  await page.getByTestId('customize').click();
  await page.getByTestId('category-statistics').check();
  await page.getByTestId('save').click();
  await page.getByTestId('delivery').filter({ hasText: 'Recorded' }).waitFor();
  await page.getByTestId('ask').filter({ hasText: 'does not ask again' }).waitFor();

  const recorded = await events(visitor);
  assert.equal(recorded.length, 1);
  const [consent] = recorded;
  assert.equal(consent.type, 'ConsentGiven');
  assert.deepEqual(consent.granted, ['statistics']);
  assert.deepEqual([...consent.denied].sort(), ['first-party', 'third-party']);
  assert.equal(consent.browser.origin, ledger.base);
  assert.equal(consent.context.noticeId, 'demo-banner-v1');
  assert.equal(consent.context.method, 'custom');
  assert.match(consent.evidence.userAgent, /Chrome/);
  const answer = await ledger.api(`/api/v1/sites/${SITE}/visitors/${visitor}/consent`);
  assert.equal(answer.categories.find((c) => c.id === 'statistics').status, 'GRANTED');
  assert.equal(answer.categories.find((c) => c.id === 'statistics').decidedBy, consent.eventId);
  await context.close();
});

test('a choice made offline waits in the browser and is recorded once when the network is back', async () => {
  const { context, page, visitor } = await openShop();
  await context.setOffline(true);
  await page.getByTestId('accept-all').click();
  await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith('consent-ledger:queue')
    && localStorage.getItem(k).includes('accept-all')));
  assert.equal((await events(visitor)).length, 0, 'nothing reached the ledger while offline');

  await context.setOffline(false);
  await page.getByTestId('delivery').filter({ hasText: 'Recorded' }).waitFor({ timeout: 60_000 });
  // Give any second delivery of the same decision time to arrive: the ledger must still hold one event.
  await page.waitForTimeout(2_000);
  const recorded = await events(visitor);
  assert.equal(recorded.length, 1);
  assert.equal(recorded[0].context.method, 'accept-all');
  const queued = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('consent-ledger:queue'))
    .map((k) => JSON.parse(localStorage.getItem(k))).flat().length);
  assert.equal(queued, 0, 'the queue is empty once the ledger confirmed');
  await context.close();
});
