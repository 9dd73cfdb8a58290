// Each category's status over time for one visitor, computed from an evidence bundle with the evidence format's own
// point-in-time rule (resolve() of verify-bundle.mjs), so the picture follows exactly the rule a verifier checks.
//
// The verifier's functions are passed in (verifier = the module's namespace), so that this module runs unchanged
// in the browser, where the console loads the verifier from /console/lib/, and in Node.js tests, which load it from
// docs/evidence-format/.

const ONE_NANOSECOND = 1n;
const ONE_SECOND = 1_000_000_000n;

const compare = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

// What an event shows (§14.1): the payload of event format 1, the public part of event format 2; null once erased.
export function shownPart(event) {
  const shown = event.format === 2n ? event.public : event.payload;
  return shown !== null && typeof shown === 'object' ? shown : null;
}

// The instant at which an event belongs on the timeline: when the visitor chose, or when a policy version took
// effect; otherwise when the ledger recorded it. Null when the event shows no instant (erased content).
export function eventInstant(event, verifier) {
  const shown = shownPart(event);
  const text = shown?.occurredAt ?? shown?.policy?.effectiveFrom ?? shown?.recordedAt ?? null;
  if (typeof text !== 'string') return null;
  try {
    return verifier.parseInstant(text);
  } catch {
    return null;
  }
}

/**
 * The instants at which the answer can change for a visitor, between start and end (BigInt nanoseconds): each
 * decision, each policy version taking effect, and each grant running out. A grant becomes EXPIRED only once
 * at - occurredAt is strictly greater than consentMaxAge (§10 step 3), so one nanosecond after occurredAt + maxAge.
 */
export function changePoints(policies, decisions, start, end) {
  const maxAge = new Map(policies.map((p) => [p.version, p.consentMaxAge]));
  const points = new Set([start]);
  const within = (t) => t > start && t <= end;
  for (const d of decisions) {
    if (within(d.occurredAt)) points.add(d.occurredAt);
    const age = maxAge.get(d.policyVersion);
    if (d.granted.length > 0 && age !== undefined) {
      const expiry = d.occurredAt + age + ONE_NANOSECOND;
      if (within(expiry)) points.add(expiry);
    }
  }
  for (const p of policies) if (within(p.effectiveFrom)) points.add(p.effectiveFrom);
  return [...points].sort(compare);
}

/**
 * The statuses of every category from the visitor's first decision (or first event) to the bundle's at, as the
 * ledger knew them at the bundle's asOf.
 *
 * bundle: the bundle as verifier.parseStrict() reads it. Returns
 *   { siteId, visitorId, at, asOf, start, end,                      instants as BigInt nanoseconds
 *     categories: [id, ...],                                        in the order they first appear
 *     segments: [{ from, to, policyVersion, statuses: Map(id -> { status, decidedBy, policyVersion }) }],
 *     marks: [{ eventId, type, stream, kind: 'policy' | 'consent' | 'withdrawal' | 'other', at }],
 *     points: [change points] }
 * Each segment holds from `from` (included) to `to` (excluded; the last one to `end` included). A category the
 * policy in force does not list has no entry in that segment's statuses. start is null when the bundle holds no
 * event of the visitor.
 */
export async function statusTimeline(bundle, verifier) {
  const { policies, decisions } = verifier.pointInTimeInputs(bundle);
  const siteId = bundle.piiController;
  const visitorId = bundle.piiPrincipalId;
  const at = verifier.parseInstant(bundle.at);
  const asOf = verifier.parseInstant(bundle.asOf);
  const marks = [];
  for (const e of bundle.events) {
    const instant = eventInstant(e, verifier);
    if (instant === null) continue;
    const isPolicyStream = e.stream === siteId;
    const kind = isPolicyStream && /policy/i.test(e.type) ? 'policy'
      : /withdrawn/i.test(e.type) ? 'withdrawal' : /given/i.test(e.type) ? 'consent' : 'other';
    marks.push({ eventId: e.eventId, type: e.type, stream: e.stream, kind, at: instant });
  }
  const visitorMarks = marks.filter((m) => m.stream !== siteId);
  const firsts = decisions.length > 0 ? decisions.map((d) => d.occurredAt) : visitorMarks.map((m) => m.at);
  const result = { siteId, visitorId, at, asOf, start: null, end: at, categories: [], segments: [], marks, points: [] };
  if (firsts.length === 0) return result;
  const start = firsts.reduce((a, b) => (b < a ? b : a));
  // A client's clock may run ahead of the ledger's: a decision after at still belongs on the picture.
  let end = [at, ...decisions.map((d) => d.occurredAt)].reduce((a, b) => (b > a ? b : a));
  if (end <= start) end = start + ONE_SECOND;
  const points = changePoints(policies, decisions, start, end);
  const segments = [];
  const categories = [];
  for (let k = 0; k < points.length; k++) {
    const answer = await verifier.resolve(siteId, visitorId, points[k], asOf, policies, decisions);
    const statuses = new Map(answer.categories.map((c) => [c.id, { status: c.status, decidedBy: c.decidedBy,
      policyVersion: c.policyVersion }]));
    for (const id of statuses.keys()) if (!categories.includes(id)) categories.push(id);
    const segment = { from: points[k], to: k + 1 < points.length ? points[k + 1] : end,
      policyVersion: answer.policyVersion, statuses };
    const previous = segments[segments.length - 1];
    // A change point where nothing changed (a grant superseded before it ran out) adds no segment.
    if (previous && sameStatuses(previous, segment)) previous.to = segment.to;
    else segments.push(segment);
  }
  return { ...result, start, end, categories, segments, points };
}

function sameStatuses(a, b) {
  if (a.policyVersion !== b.policyVersion || a.statuses.size !== b.statuses.size) return false;
  for (const [id, s] of a.statuses) {
    const t = b.statuses.get(id);
    if (!t || t.status !== s.status || t.decidedBy !== s.decidedBy || t.policyVersion !== s.policyVersion) return false;
  }
  return true;
}

// The segment holding instant t, or null outside the timeline.
export function segmentAt(timeline, t) {
  if (timeline.start === null || t < timeline.start || t > timeline.end) return null;
  return timeline.segments.find((s) => t >= s.from && t < s.to) ?? timeline.segments[timeline.segments.length - 1];
}

// The instant at fraction f (0 to 1) of the timeline, to the microsecond (the precision of the ledger's instants).
export function instantAt(timeline, f) {
  const span = timeline.end - timeline.start;
  const t = timeline.start + (span * BigInt(Math.round(Math.min(1, Math.max(0, f)) * 1_000_000))) / 1_000_000n;
  if (t === timeline.start || t === timeline.end) return t;
  const micros = (t / 1000n) * 1000n;
  return micros < timeline.start ? timeline.start : micros;
}

// Where instant t lies on the timeline, as a fraction from 0 to 1.
export function fractionOf(timeline, t) {
  const span = timeline.end - timeline.start;
  if (span <= 0n) return 0;
  const f = Number(t - timeline.start) / Number(span);
  return Math.min(1, Math.max(0, f));
}
