// The console's timeline: change points and statuses, expiry to the nanosecond, and agreement with the answers
// of the evidence format's test vectors.
//
//   node --test ledger-service/src/test/console/timeline.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as verifier from '../../../../docs/evidence-format/verify-bundle.mjs';
import { changePoints, fractionOf, instantAt, segmentAt, statusTimeline }
  from '../../main/resources/static/console/timeline.mjs';

const { parseInstant, parseStrict, formatInstant } = verifier;
const SITE = 'shop.example';
const VISITOR = 'alice';
const T0 = '2026-01-01T00:00:00Z';
const plus = (instant, seconds) => formatInstant(parseInstant(instant) + BigInt(seconds) * 1_000_000_000n);

function policy(version, effectiveFrom, consentMaxAge, categories, sequence = version - 1) {
  return { eventId: `policy-${version}`, type: 'org.consentledger.api.policy.CookiePolicyPublished', stream: SITE,
    sequence, payload: { policy: { siteId: SITE, version, effectiveFrom, consentMaxAge,
      categories: categories.map((id) => ({ id, name: id, consentRequired: id !== 'necessary' })),
      cookies: categories.map((id) => ({ name: `${id}-cookie`, provider: 'Example', function: 'f', purpose: 'p',
        category: id })) }, recordedAt: effectiveFrom } };
}

function consent(id, sequence, occurredAt, granted, denied, policyVersion = 1) {
  return { eventId: id, type: 'org.consentledger.api.consent.ConsentGiven', stream: `${SITE}/${VISITOR}`, sequence,
    payload: { siteId: SITE, visitorId: VISITOR, consentId: id, policyVersion, occurredAt, recordedAt: occurredAt,
      granted, denied } };
}

function withdrawal(id, sequence, occurredAt, categories, policyVersion = 1) {
  return { eventId: id, type: 'org.consentledger.api.consent.ConsentWithdrawn', stream: `${SITE}/${VISITOR}`,
    sequence, payload: { siteId: SITE, visitorId: VISITOR, withdrawalId: id, policyVersion, occurredAt,
      recordedAt: occurredAt, categories } };
}

// A bundle as the console reads one: only the members the timeline uses, integers as BigInt like parseStrict's.
const bundle = (at, events) => parseStrict(JSON.stringify({ version: 'consent-ledger-evidence/2',
  piiController: SITE, piiPrincipalId: VISITOR, at, asOf: at, events }));

// The statuses of each segment as [from, { category: status }] for comparing.
const picture = (timeline) => timeline.segments.map((s) => [formatInstant(s.from),
  Object.fromEntries([...s.statuses].map(([id, v]) => [id, v.status]))]);

test('a grant expires one nanosecond after consentMaxAge, and the picture changes there', async () => {
  const chosen = plus(T0, 10);
  const b = bundle(plus(T0, 3 * 3600), [policy(1, T0, 'PT1H', ['necessary', 'statistics', 'ads']),
    consent('c1', 0, chosen, ['statistics'], ['ads'])]);
  const timeline = await statusTimeline(b, verifier);
  const expiry = parseInstant(chosen) + 3600n * 1_000_000_000n + 1n;
  assert.equal(timeline.start, parseInstant(chosen));
  assert.equal(timeline.end, parseInstant(plus(T0, 3 * 3600)));
  assert.deepEqual(picture(timeline), [
    [chosen, { necessary: 'EXEMPT', statistics: 'GRANTED', ads: 'DENIED' }],
    [formatInstant(expiry), { necessary: 'EXEMPT', statistics: 'EXPIRED', ads: 'DENIED' }],
  ]);
  assert.equal(timeline.segments[0].to, expiry);
  assert.equal(segmentAt(timeline, expiry - 1n).statuses.get('statistics').status, 'GRANTED');
  assert.equal(segmentAt(timeline, expiry).statuses.get('statistics').status, 'EXPIRED');
  assert.equal(timeline.segments[1].statuses.get('statistics').decidedBy, 'c1');
});

test('a withdrawal, a new policy version with a new category, and a renewed consent each change the picture',
  async () => {
    const v2 = plus(T0, 300);
    const b = bundle(plus(T0, 600), [
      policy(1, T0, 'PT9480H', ['necessary', 'statistics', 'ads']),
      policy(2, v2, 'PT9480H', ['necessary', 'statistics', 'ads', 'video']),
      consent('c1', 0, plus(T0, 60), ['statistics'], ['ads']),
      withdrawal('w1', 1, plus(T0, 120), ['statistics']),
      consent('c2', 2, plus(T0, 400), ['statistics', 'video'], ['ads'], 2),
    ]);
    const timeline = await statusTimeline(b, verifier);
    assert.deepEqual(timeline.categories, ['necessary', 'statistics', 'ads', 'video']);
    assert.deepEqual(picture(timeline), [
      [plus(T0, 60), { necessary: 'EXEMPT', statistics: 'GRANTED', ads: 'DENIED' }],
      [plus(T0, 120), { necessary: 'EXEMPT', statistics: 'WITHDRAWN', ads: 'DENIED' }],
      [v2, { necessary: 'EXEMPT', statistics: 'WITHDRAWN', ads: 'DENIED', video: 'NOT_ASKED' }],
      [plus(T0, 400), { necessary: 'EXEMPT', statistics: 'GRANTED', ads: 'DENIED', video: 'GRANTED' }],
    ]);
    assert.deepEqual(timeline.segments.map((s) => s.policyVersion), [1n, 1n, 2n, 2n]);
    assert.deepEqual(timeline.marks.map((m) => [m.eventId, m.kind]), [['policy-1', 'policy'], ['policy-2', 'policy'],
      ['c1', 'consent'], ['w1', 'withdrawal'], ['c2', 'consent']]);
    assert.equal(timeline.marks.find((m) => m.eventId === 'policy-2').at, parseInstant(v2));
  });

test('a grant overtaken before it runs out leaves no segment at its expiry, but the expiry is a change point',
  async () => {
    const b = bundle(plus(T0, 3 * 3600), [policy(1, T0, 'PT1H', ['statistics']),
      consent('c1', 0, plus(T0, 10), ['statistics'], []), consent('c2', 1, plus(T0, 600), [], ['statistics'])]);
    const timeline = await statusTimeline(b, verifier);
    assert.deepEqual(picture(timeline), [[plus(T0, 10), { statistics: 'GRANTED' }],
      [plus(T0, 600), { statistics: 'DENIED' }]]);
    assert.equal(timeline.points.length, 3, 'the first grant, the denial and the first grant\'s expiry');
  });

test('two decisions at the same instant: the one recorded later in the stream decides, from that instant', async () => {
  const same = plus(T0, 30);
  const b = bundle(plus(T0, 60), [policy(1, T0, 'PT1H', ['statistics']),
    consent('c1', 0, same, ['statistics'], []), withdrawal('w1', 1, same, [])]);
  const timeline = await statusTimeline(b, verifier);
  assert.deepEqual(picture(timeline), [[same, { statistics: 'WITHDRAWN' }]]);
  assert.equal(timeline.segments[0].statuses.get('statistics').decidedBy, 'w1');
});

test('a decision before any policy took effect shows no category until one does', async () => {
  const b = bundle(plus(T0, 100), [policy(1, plus(T0, 50), 'PT1H', ['statistics']),
    consent('c1', 0, T0, ['statistics'], [])]);
  const timeline = await statusTimeline(b, verifier);
  assert.deepEqual(picture(timeline), [[T0, {}], [plus(T0, 50), { statistics: 'GRANTED' }]]);
  assert.equal(timeline.segments[0].policyVersion, null);
});

test('a visitor without events has no timeline', async () => {
  const timeline = await statusTimeline(bundle(plus(T0, 100), [policy(1, T0, 'PT1H', ['statistics'])]), verifier);
  assert.equal(timeline.start, null);
  assert.deepEqual(timeline.segments, []);
  assert.equal(segmentAt(timeline, parseInstant(T0)), null);
});

test('change points lie within the timeline, once each, in order', () => {
  const start = parseInstant(T0);
  const decisions = [{ occurredAt: start, policyVersion: 1n, granted: ['a'] },
    { occurredAt: start + 5n, policyVersion: 1n, granted: ['a'] }, { occurredAt: start + 5n, policyVersion: 1n,
      granted: [] }];
  const policies = [{ version: 1n, consentMaxAge: 10n, effectiveFrom: start - 100n }];
  assert.deepEqual(changePoints(policies, decisions, start, start + 12n), [start, start + 5n, start + 11n]);
});

test('the cursor maps fractions to instants within the timeline and back', () => {
  const timeline = { start: parseInstant('2026-01-01T00:00:00.123456789Z'), end: parseInstant(plus(T0, 3600)) };
  assert.equal(instantAt(timeline, 0), timeline.start);
  assert.equal(instantAt(timeline, 1), timeline.end);
  assert.equal(instantAt(timeline, -3), timeline.start);
  const middle = instantAt(timeline, 0.5);
  assert.equal(middle % 1000n, 0n, 'to the microsecond');
  assert.ok(Math.abs(fractionOf(timeline, middle) - 0.5) < 1e-6);
  assert.equal(fractionOf(timeline, timeline.end + 10n), 1);
});

// Every bundle the format's test vectors hold as issued: the timeline at the bundle's at is the bundle's answer.
const vectors = new URL('../../../../verifier/src/test/resources/test-vectors/', import.meta.url);
const formatThree = new URL('../../../../verifier/target/format-3-bundles/', import.meta.url);
const issued = [...readdirSync(vectors).map((d) => new URL(`${d}/bundle.json`, vectors)),
  ...(existsSync(formatThree) ? ['bundle.json', 'bundle-with-notice.json'].map((f) => new URL(f, formatThree)) : [])];

for (const file of issued) {
  test(`the timeline of ${file.pathname.split('/').slice(-2).join('/')} at its at is its answer`, async () => {
    const b = parseStrict(readFileSync(file, 'utf8'));
    const timeline = await statusTimeline(b, verifier);
    const segment = segmentAt(timeline, parseInstant(b.at));
    assert.ok(segment, 'the bundle\'s at lies on the timeline');
    assert.deepEqual([...segment.statuses].map(([id, s]) => ({ id, status: s.status, decidedBy: s.decidedBy,
      policyVersion: s.policyVersion })), b.answer.categories.map((c) => ({ id: c.id, status: c.status,
      decidedBy: c.decidedBy, policyVersion: c.policyVersion })));
  });
}
