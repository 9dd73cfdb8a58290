// A second verifier of consent-ledger-evidence/3, /2 and /1 bundles, written from docs/evidence-format.md (the §
// numbers below) and sharing no code with the Java one, so that the two disagree when the document is wrong or
// incomplete.
//
//   await verifyBundle(bundleText, publicKeyPem)    -> { verified, findings: [{ check, holds, statement }] }
//
// The same file runs in Node.js 20 (verify-bundle-cli.mjs is its command line) and, unchanged, in a browser (the
// auditor's console): it imports nothing and uses only what both have, WebCrypto (SHA-256, Ed25519), TextEncoder
// and atob. WebCrypto is asynchronous, so everything that hashes or checks a signature returns a promise.

export const VERSION = 'consent-ledger-evidence/2';
export const VERSION_1 = 'consent-ledger-evidence/1';
export const VERSION_3 = 'consent-ledger-evidence/3';
const GENESIS = '0'.repeat(64);
const ERASED = 'erased';
// Event types by their format 1 names and, for events of format 2 (§13), by their stable names.
const TYPE = {
  policy: 'org.consentledger.api.policy.CookiePolicyPublished',
  given: 'org.consentledger.api.consent.ConsentGiven',
  withdrawn: 'org.consentledger.api.consent.ConsentWithdrawn',
};
const STABLE = { policy: 'policy.published', given: 'consent.given', withdrawn: 'consent.withdrawn',
  erased: 'subject.erased', notice: 'notice.published' };

// ---- JSON, read strictly (§2): repeated member names refused, integers kept exact as BigInt ----

export function parseStrict(text) {
  let i = 0;
  const fail = (why) => { throw new SyntaxError(`${why} at offset ${i}`); };
  const ws = () => { while (' \t\n\r'.includes(text[i]) && i < text.length) i++; };
  const value = () => {
    ws();
    const c = text[i];
    if (c === '{') return object();
    if (c === '[') return array();
    if (c === '"') return string();
    for (const [word, v] of [['true', true], ['false', false], ['null', null]]) {
      if (text.startsWith(word, i)) { i += word.length; return v; }
    }
    return number();
  };
  const object = () => {
    const o = Object.create(null);
    i++; ws();
    if (text[i] === '}') { i++; return o; }
    for (;;) {
      ws();
      if (text[i] !== '"') fail('member name expected');
      const name = string();
      if (Object.hasOwn(o, name)) fail(`member "${name}" repeated`);
      ws();
      if (text[i++] !== ':') fail("':' expected");
      o[name] = value();
      ws();
      const c = text[i++];
      if (c === '}') return o;
      if (c !== ',') fail("',' or '}' expected");
    }
  };
  const array = () => {
    const a = [];
    i++; ws();
    if (text[i] === ']') { i++; return a; }
    for (;;) {
      a.push(value());
      ws();
      const c = text[i++];
      if (c === ']') return a;
      if (c !== ',') fail("',' or ']' expected");
    }
  };
  const string = () => {
    let s = '';
    i++;
    for (;;) {
      const c = text[i++];
      if (c === undefined) fail('unterminated string');
      if (c === '"') return s;
      if (c < ' ') fail('unescaped control character');
      if (c !== '\\') { s += c; continue; }
      const e = text[i++];
      const simple = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' }[e];
      if (simple !== undefined) { s += simple; continue; }
      if (e !== 'u' || !/^[0-9a-fA-F]{4}$/.test(text.slice(i, i + 4))) fail('bad escape');
      s += String.fromCharCode(parseInt(text.slice(i, i + 4), 16));
      i += 4;
    }
  };
  const number = () => {
    const literal = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
    literal.lastIndex = i;
    const m = literal.exec(text);
    if (!m) fail('value expected');
    i += m[0].length;
    if (m[1] === undefined && m[2] === undefined) return BigInt(m[0]);
    // Not an integer literal: read as a double; the canonical form takes it only if it is a safe integer.
    const d = Number(m[0]);
    return Number.isInteger(d) && Math.abs(d) <= Number.MAX_SAFE_INTEGER ? BigInt(d) : d;
  };
  const v = value();
  ws();
  if (i !== text.length) fail('text after the value');
  return v;
}

// ---- RFC 8785 canonical form, integers only (§2) ----

export function canonicalize(v) {
  return UTF8.encode(canonicalText(v));
}

const UTF8 = new TextEncoder();

function canonicalText(v) {
  if (v === null) return 'null';
  if (v === true || v === false) return String(v);
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') throw new RangeError(`no canonical form for the number ${v}`);
  if (typeof v === 'string') return quote(v);
  if (Array.isArray(v)) return `[${v.map(canonicalText).join(',')}]`;
  // Default sort compares UTF-16 code units, as RFC 8785 §3.2.3 asks.
  return `{${Object.keys(v).sort().map((k) => `${quote(k)}:${canonicalText(v[k])}`).join(',')}}`;
}

function quote(s) {
  let out = '"';
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    const short = { 0x22: '\\"', 0x5c: '\\\\', 0x08: '\\b', 0x09: '\\t', 0x0a: '\\n', 0x0c: '\\f', 0x0d: '\\r' }[c];
    if (short) out += short;
    else if (c < 0x20) out += '\\u' + c.toString(16).padStart(4, '0');
    else if (c >= 0xd800 && c <= 0xdbff && (s.charCodeAt(k + 1) & 0xfc00) === 0xdc00) out += s[k] + s[++k];
    else if (c >= 0xd800 && c <= 0xdfff) throw new RangeError('unpaired surrogate');
    else out += s[k];
  }
  return out + '"';
}

// ---- Instants (§3): nanoseconds since the epoch as BigInt, and their one written form ----

export function parseInstant(text) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?Z$/.exec(text);
  if (!m) throw new RangeError(`not an instant: ${text}`);
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number);
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(ms);
  // Date.UTC rolls 31 April over into May: an instant is valid only if it comes back unchanged.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d
      || h > 23 || mi > 59 || s > 59) {
    throw new RangeError(`not an instant: ${text}`);
  }
  return BigInt(ms) * 1_000_000n + BigInt((m[7] ?? '').padEnd(9, '0'));
}

export function formatInstant(nanos) {
  const seconds = nanos / 1_000_000_000n - (nanos < 0n && nanos % 1_000_000_000n !== 0n ? 1n : 0n);
  const fraction = nanos - seconds * 1_000_000_000n;
  const base = new Date(Number(seconds) * 1000).toISOString().slice(0, 19);
  let digits = fraction.toString().padStart(9, '0');
  if (fraction === 0n) digits = '';
  else if (fraction % 1_000_000n === 0n) digits = '.' + digits.slice(0, 3);
  else if (fraction % 1_000n === 0n) digits = '.' + digits.slice(0, 6);
  else digits = '.' + digits;
  return `${base}${digits}Z`;
}

// An ISO-8601 duration of days, hours, minutes and seconds (§3), in nanoseconds.
export function parseDuration(text) {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)(?:\.(\d{1,9}))?S)?)?$/.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) throw new RangeError(`not a duration: ${text}`);
  const [days, hours, minutes, seconds] = m.slice(1, 5).map((x) => BigInt(x ?? 0));
  return ((days * 24n + hours) * 60n + minutes) * 60n * 1_000_000_000n + seconds * 1_000_000_000n
    + BigInt((m[5] ?? '').padEnd(9, '0'));
}

// ---- Hashes, Merkle proofs, keys, signatures (§5 to §9) ----

function subtle() {
  const s = globalThis.crypto?.subtle;
  // Browsers offer WebCrypto only to pages of a secure context: https, or http on localhost.
  if (!s) throw new Error('WebCrypto is not available here: a browser offers it only over https or on localhost');
  return s;
}

const LEAF = Uint8Array.of(0);
const NODE = Uint8Array.of(1);

// SHA-256 of the parts one after the other, as 32 bytes.
export async function sha256(...parts) {
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { all.set(p, at); at += p.length; }
  return new Uint8Array(await subtle().digest('SHA-256', all));
}

export const toHex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

const sameBytes = (a, b) => a.length === b.length && a.every((x, k) => x === b[k]);

function hexBytes(s) {
  if (typeof s !== 'string' || !/^(?:[0-9a-fA-F]{2})*$/.test(s)) throw new RangeError('not hex');
  const bytes = new Uint8Array(s.length / 2);
  for (let k = 0; k < bytes.length; k++) bytes[k] = parseInt(s.slice(2 * k, 2 * k + 2), 16);
  return bytes;
}

function base64Bytes(s) {
  if (typeof s !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.replace(/=+$/, '').length % 4 === 1
      || (s.endsWith('=') && s.length % 4 !== 0)) {
    throw new RangeError('not base64');
  }
  return Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
}

// §7: an Ed25519 SubjectPublicKeyInfo is these 12 bytes and the 32-byte key.
const ED25519_SPKI_PREFIX = hexBytes('302a300506032b6570032100');

// The ledger's public key from its PEM text (RFC 7468 "PUBLIC KEY"; text around the block is ignored, as RFC 7468
// asks), ready to check signatures; rejects when the text holds no Ed25519 public key. id is the key id of §7.
export async function readPublicKey(pem) {
  const block = /-----BEGIN PUBLIC KEY-----([A-Za-z0-9+/=\s]*)-----END PUBLIC KEY-----/;
  const m = typeof pem === 'string' && block.exec(pem);
  if (!m) throw new RangeError('not a PEM "PUBLIC KEY" block');
  const der = base64Bytes(m[1].replace(/\s+/g, ''));
  if (der.length !== 44 || !sameBytes(der.subarray(0, 12), ED25519_SPKI_PREFIX)) {
    throw new RangeError('not an Ed25519 public key');
  }
  const key = await subtle().importKey('spki', der, { name: 'Ed25519' }, false, ['verify']);
  return { key, der, id: toHex(await sha256(der)).slice(0, 16) };
}

export async function keyId(pem) {
  return (await readPublicKey(pem)).id;
}

async function signatureHolds(publicKey, message, base64) {
  try {
    return await subtle().verify({ name: 'Ed25519' }, publicKey.key, base64Bytes(base64), message);
  } catch {
    return false;
  }
}

const isHex64 = (s) => typeof s === 'string' && /^[0-9a-f]{64}$/.test(s);
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

export async function eventHash(e) {
  if (!isHex64(e.previousHash)) throw new RangeError('previousHash');
  if (typeof e.sequence !== 'bigint' || e.sequence < 0n) throw new RangeError('sequence');
  const { eventId, type, stream, sequence, payload, previousHash } = e;
  if (![eventId, type, stream].every((v) => typeof v === 'string') || payload === undefined) throw new RangeError('event');
  return toHex(await sha256(canonicalize({ eventId, type, stream, sequence, payload, previousHash })));
}

// §13: an event of format 2 is hashed over its public part and the commitment to its personal part.
export async function eventHashTwo(e) {
  if (!isHex64(e.previousHash)) throw new RangeError('previousHash');
  if (typeof e.sequence !== 'bigint' || e.sequence < 0n) throw new RangeError('sequence');
  const { eventId, type, stream, sequence, previousHash } = e;
  const commitment = e.commitment ?? null;
  if (![eventId, type, stream].every((v) => typeof v === 'string') || !isObject(e.public)) {
    throw new RangeError('event');
  }
  if (commitment !== null && !isHex64(commitment)) throw new RangeError('commitment');
  return toHex(await sha256(canonicalize({ format: 2n, eventId, type, stream, sequence, public: e.public, commitment,
    previousHash })));
}

export async function commitmentOf(salt, fields) {
  return toHex(await sha256(salt, canonicalize(fields)));
}

// An event of a bundle as its event format shows it (§14.1); bundles of format 1 and 2 hold events of format 1 only.
function readEvent(e, formatThree) {
  if (!formatThree) return { e, format: 1, isPolicy: e.type === TYPE.policy, shown: e.payload, fields: null };
  if (e.format !== 1n && e.format !== 2n) throw new RangeError(`event ${e.eventId} states no event format 1 or 2`);
  if (e.format === 1n) {
    return { e, format: 1, isPolicy: e.type === TYPE.policy, shown: e.payload, fields: null,
      erased: e.payload === ERASED };
  }
  const personal = e.personal ?? null;
  // A notice is, like a policy version, an event of the site's stream (§14.5).
  return { e, format: 2, isPolicy: e.type === STABLE.policy || e.type === STABLE.notice,
    isNotice: e.type === STABLE.notice, isErasure: e.type === STABLE.erased, shown: e.public,
    personal, personalErased: personal === ERASED,
    fields: isObject(personal) && isObject(personal.fields) ? personal.fields : null };
}

// Whether the event still shows anything personal: a format 1 payload, or a personal part not erased.
const showsPersonalData = (r) => (r.format === 1 ? !r.erased : r.personal !== null && !r.personalErased);

// RFC 9162 §2.1.3.2; the proof lists sibling hashes from the leaf up.
export async function inclusionHolds(index, size, leafHash, proof, root) {
  if (typeof index !== 'bigint' || typeof size !== 'bigint' || index < 0n || index >= size) return false;
  if (root.length !== 32 || proof.some((p) => p.length !== 32)) return false;
  let fn = index;
  let sn = size - 1n;
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0n) return false;
    if ((fn & 1n) === 1n || fn === sn) {
      r = await sha256(NODE, p, r);
      while ((fn & 1n) === 0n && fn !== 0n) { fn >>= 1n; sn >>= 1n; }
    } else {
      r = await sha256(NODE, r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n && sameBytes(r, root);
}

// §6.2: one proof for many leaves. The recursion of MTH takes a hash of the proof, left to right, for each range
// holding none of the leaves; leaves maps each leaf index (BigInt) to its leaf hash.
export async function logProofHolds(leaves, size, proof, root) {
  if (typeof size !== 'bigint' || size < 1n || root.length !== 32 || proof.some((p) => p.length !== 32)) return false;
  const indices = [...leaves.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (indices.some((i) => typeof i !== 'bigint' || i < 0n || i >= size)) return false;
  let next = 0;
  // indices[first .. end) are the leaves within [lo, hi).
  const hash = async (lo, hi, first, end) => {
    if (first === end) {
      if (next === proof.length) throw new RangeError('the log proof has too few hashes');
      return proof[next++];
    }
    if (hi - lo === 1n) return leaves.get(lo);
    let k = 1n;
    while (k * 2n < hi - lo) k *= 2n;
    let middle = first;
    while (middle < end && indices[middle] < lo + k) middle += 1;
    const left = await hash(lo, lo + k, first, middle);
    const right = await hash(lo + k, hi, middle, end);
    return sha256(NODE, left, right);
  };
  try {
    return sameBytes(await hash(0n, size, 0, indices.length), root) && next === proof.length;
  } catch {
    return false;
  }
}

// ---- The point-in-time answer (§10) ----

const list = (v) => { if (!Array.isArray(v)) throw new TypeError('list expected'); return v; };
const integer = (v) => { if (typeof v !== 'bigint') throw new TypeError('integer expected'); return v; };

function decodePolicy(p) {
  const policy = p.policy;
  return {
    version: integer(policy.version),
    effectiveFrom: parseInstant(policy.effectiveFrom),
    consentMaxAge: parseDuration(policy.consentMaxAge),
    refusalMaxAge: policy.refusalMaxAge == null ? null : parseDuration(policy.refusalMaxAge),
    categories: list(policy.categories).map((c) => ({ id: c.id, consentRequired: c.consentRequired === true })),
    cookies: list(policy.cookies).map((c) => ({ name: c.name, provider: c.provider, category: c.category })),
    recordedAt: parseInstant(p.recordedAt),
  };
}

// p: the payload (format 1) or the public part (format 2), which holds every member the answer reads.
function decodeDecision(e, p, withdrawal) {
  return {
    eventId: e.eventId, sequence: e.sequence, withdrawal, policyVersion: integer(p.policyVersion),
    occurredAt: parseInstant(p.occurredAt), recordedAt: parseInstant(p.recordedAt),
    granted: withdrawal ? [] : list(p.granted), denied: withdrawal ? [] : list(p.denied),
    withdrawn: withdrawal ? list(p.categories) : [],
    optedOut: withdrawal || !isObject(p.gpc) ? [] : list(p.gpc.optedOut),
    noticeId: isObject(p.context) && typeof p.context.noticeId === 'string' ? p.context.noticeId : null,
  };
}

function statusOf(d, category) {
  if (d.withdrawal) return d.withdrawn.length === 0 || d.withdrawn.includes(category) ? 'WITHDRAWN' : null;
  if (d.granted.includes(category)) return 'GRANTED';
  if (d.denied.includes(category)) return 'DENIED';
  return d.optedOut.includes(category) ? 'GPC' : null;
}

// policies and decisions as pointInTimeInputs() gives them; at, asOf and renewBefore in nanoseconds (BigInt).
export async function resolve(siteId, visitorId, at, asOf, policies, decisions, renewBefore = 0n) {
  const answer = { siteId, visitorId, at: formatInstant(at), asOf: formatInstant(asOf), policyVersion: null,
    categories: [], cookies: [], basis: await basis(at, asOf, policies, decisions), mustAsk: false, askReasons: [] };
  const byVersion = new Map(policies.map((p) => [p.version, p]));
  const candidates = policies.filter((p) => p.recordedAt <= asOf && p.effectiveFrom <= at);
  if (candidates.length === 0) return answer;
  const inForce = candidates.reduce((a, b) => (b.effectiveFrom > a.effectiveFrom
    || (b.effectiveFrom === a.effectiveFrom && b.version > a.version) ? b : a));
  const newestFirst = decisions.filter((d) => d.occurredAt <= at && d.recordedAt <= asOf)
    .sort((a, b) => (a.occurredAt !== b.occurredAt ? (a.occurredAt < b.occurredAt ? 1 : -1)
      : a.sequence !== b.sequence ? (a.sequence < b.sequence ? 1 : -1) : 0));
  const verdicts = new Map();
  for (const category of inForce.categories) {
    let verdict = { status: 'NOT_ASKED', decision: null, policy: null };
    if (!category.consentRequired) {
      verdict = { status: 'EXEMPT', decision: null, policy: inForce };
    } else {
      for (const d of newestFirst) {
        const status = statusOf(d, category.id);
        if (status === null) continue;
        const under = byVersion.get(d.policyVersion);
        if (!under) throw new Error(`event ${d.eventId} names policy version ${d.policyVersion}, not in the bundle`);
        const expired = status === 'GRANTED' && at - d.occurredAt > under.consentMaxAge;
        verdict = { status: expired ? 'EXPIRED' : status, decision: d, policy: under };
        break;
      }
    }
    verdicts.set(category.id, verdict);
    answer.categories.push({ id: category.id, status: verdict.status, decidedBy: verdict.decision?.eventId ?? null,
      policyVersion: verdict.policy?.version ?? null });
  }
  answer.policyVersion = inForce.version;
  for (const cookie of inForce.cookies) {
    const verdict = verdicts.get(cookie.category);
    if (!verdict) throw new Error(`cookie ${cookie.name} is in no category of the policy`);
    let reason = verdict.status;
    if (reason === 'GRANTED' && !verdict.policy.cookies.some((c) => c.name === cookie.name
        && c.provider === cookie.provider && c.category === cookie.category)) {
      reason = 'NOT_IN_CONSENTED_POLICY';
    }
    answer.cookies.push({ name: cookie.name, provider: cookie.provider, category: cookie.category,
      allowed: reason === 'EXEMPT' || reason === 'GRANTED', reason, decidedBy: verdict.decision?.eventId ?? null });
  }
  answer.askReasons = askReasons(inForce, newestFirst, verdicts, answer.cookies, at, renewBefore);
  answer.mustAsk = answer.askReasons.length > 0;
  return answer;
}

// When to ask again (§10 step 7), in the order of the reasons' list.
function askReasons(inForce, newestFirst, verdicts, cookies, at, renewBefore) {
  const reasons = new Set();
  if (newestFirst.length === 0) {
    return inForce.categories.some((c) => c.consentRequired) ? ['never-asked'] : [];
  }
  for (const v of verdicts.values()) {
    if (v.status === 'NOT_ASKED') reasons.add('new-categories');
    if (v.status === 'EXPIRED') reasons.add('consent-expired');
    const age = v.decision === null ? null : at - v.decision.occurredAt;
    if (v.status === 'GRANTED' && renewBefore > 0n && age > v.policy.consentMaxAge - renewBefore) {
      reasons.add('expires-soon');
    }
    if ((v.status === 'DENIED' || v.status === 'WITHDRAWN') && v.policy.refusalMaxAge !== null
        && age > v.policy.refusalMaxAge) {
      reasons.add('refusal-expired');
    }
  }
  if (cookies.some((c) => c.reason === 'NOT_IN_CONSENTED_POLICY')) reasons.add('new-cookies');
  if (newestFirst[0].noticeId !== null && newestFirst[0].policyVersion !== inForce.version) {
    reasons.add('notice-changed');
  }
  return ASK_REASONS.filter((r) => reasons.has(r));
}

const ASK_REASONS = ['never-asked', 'consent-expired', 'refusal-expired', 'expires-soon', 'new-categories',
  'new-cookies', 'notice-changed'];

// What the answer was computed from (§10 step 6): the versions known at asOf, the visible events in stream order.
async function basis(at, asOf, policies, decisions) {
  const versions = [...new Set(policies.filter((p) => p.recordedAt <= asOf).map((p) => p.version))]
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const visible = decisions.filter((d) => d.occurredAt <= at && d.recordedAt <= asOf)
    .sort((a, b) => (a.sequence < b.sequence ? -1 : a.sequence > b.sequence ? 1 : 0));
  const lines = versions.map((v) => `policy ${v}\n`).join('') + visible.map((d) => `event ${d.eventId}\n`).join('');
  return { policyVersions: versions, events: BigInt(visible.length),
    digest: toHex(await sha256(UTF8.encode(lines))) };
}

// The bundle's answer in the form resolve() writes: the members of §4.2 only, instants in their written form.
function comparable(a) {
  const pick = (o, names) => Object.fromEntries(names.map((n) => [n, o?.[n] ?? null]));
  const instant = (t) => { try { return formatInstant(parseInstant(t)); } catch { return t; } };
  return {
    ...pick(a, ['siteId', 'visitorId', 'policyVersion']), at: instant(a?.at), asOf: instant(a?.asOf),
    categories: (a?.categories ?? []).map((c) => pick(c, ['id', 'status', 'decidedBy', 'policyVersion'])),
    cookies: (a?.cookies ?? []).map((c) => pick(c, ['name', 'provider', 'category', 'allowed', 'reason', 'decidedBy'])),
    basis: a?.basis == null ? null : pick(a.basis, ['policyVersions', 'events', 'digest']),
    ...(Array.isArray(a?.askReasons) ? { mustAsk: a.mustAsk ?? null, askReasons: a.askReasons } : {}),
  };
}

// What the answer is computed from: a policy version or a decision the event holds, if any.
function addInput(r, policies, decisions) {
  const e = r.e;
  // The answer counts what can be attributed to the visitor: a payload, or personal fields (§14.3).
  const attributed = r.format === 1 ? !r.erased : r.fields !== null;
  const type = r.format === 1 ? e.type : { [STABLE.policy]: TYPE.policy, [STABLE.given]: TYPE.given,
    [STABLE.withdrawn]: TYPE.withdrawn }[e.type];
  if (type === TYPE.policy && !r.erased) policies.push(decodePolicy(r.shown));
  else if (type === TYPE.given && attributed) decisions.push(decodeDecision(e, r.shown, false));
  else if (type === TYPE.withdrawn && attributed) decisions.push(decodeDecision(e, r.shown, true));
}

// The policy versions and decisions of a bundle (as parseStrict reads it), in the form resolve() takes, so that the
// answer can be computed for other instants than the bundle's. It checks nothing: verify the bundle for that.
export function pointInTimeInputs(bundle) {
  const formatThree = bundle.version === VERSION_3;
  const policies = [];
  const decisions = [];
  for (const e of bundle.events) addInput(readEvent(e, formatThree), policies, decisions);
  return { policies, decisions };
}

// ---- The checks, in the order of §11 ----

const STATUSES = ['EXEMPT', 'GRANTED', 'DENIED', 'WITHDRAWN', 'GPC', 'EXPIRED', 'NOT_ASKED', 'NOT_IN_CONSENTED_POLICY'];
const named = (status) => status === null || status === undefined || STATUSES.includes(status);

// text: the bundle as text; publicKeyPem: the ledger's public key, PEM. Rejects, before any check, when the key
// cannot be read: that is a wrong input, not a verdict.
export async function verifyBundle(text, publicKeyPem) {
  const publicKey = await readPublicKey(publicKeyPem);
  const findings = [];
  const note = (check, holds, statement) => findings.push({ check, holds, statement });
  let bundle;
  try {
    bundle = parseStrict(text);
    // The members whose type is checked as the bundle is read (§11, check 1).
    const shaped = bundle !== null && typeof bundle === 'object' && !Array.isArray(bundle)
      && (bundle.events ?? []).every((e) => e === null
        || (typeof e.sequence === 'bigint' && typeof e.leafIndex === 'bigint'))
      && (bundle.checkpoint == null || typeof bundle.checkpoint.treeSize === 'bigint')
      && (bundle.answer?.cookies ?? []).every((c) => c === null || (typeof c.allowed === 'boolean' && named(c.reason)))
      && (bundle.answer?.categories ?? []).every((c) => c === null || named(c.status));
    if (!shaped) throw new TypeError('not an object of the bundle form');
    [bundle.issuedAt, bundle.at, bundle.asOf, bundle.checkpoint?.signedAt, bundle.answer?.at, bundle.answer?.asOf]
      .filter((t) => t != null).forEach(parseInstant);
  } catch (e) {
    note('readable', false, `The bundle is not readable JSON of the expected form: ${e.message}`);
    return { verified: false, findings };
  }
  try {
    const { id } = publicKey;
    const formatOne = bundle.version === VERSION_1;
    const formatThree = bundle.version === VERSION_3;
    note('version', formatOne || formatThree || bundle.version === VERSION,
      `The bundle is in format ${VERSION_1}, ${VERSION} or ${VERSION_3}.`);
    const unsigned = Object.assign(Object.create(null), bundle);
    delete unsigned.signature;
    note('bundle-signature', await signatureHolds(publicKey, canonicalize(unsigned), bundle.signature),
      `The bundle is signed by key ${id}.`);
    const cp = bundle.checkpoint;
    const statement = () => canonicalize({ keyId: cp.keyId, rootHash: cp.rootHash,
      signedAt: formatInstant(parseInstant(cp.signedAt)), treeSize: cp.treeSize });
    note('checkpoint-signature', cp.keyId === id && await signatureHolds(publicKey, statement(), cp.signature),
      `The checkpoint of ${cp.treeSize} entries with root ${cp.rootHash} is signed by key ${id}.`);

    const asOf = parseInstant(bundle.asOf);
    const policies = [];
    const decisions = [];
    const streams = new Map();
    const read = bundle.events.map((e) => readEvent(e, formatThree));
    // §14.2: the visitor's events of each event format in one stream.
    const streamsByFormat = new Map();
    for (const r of read.filter((x) => !x.isPolicy)) {
      if (!streamsByFormat.has(r.format)) streamsByFormat.set(r.format, new Set());
      streamsByFormat.get(r.format).add(r.e.stream);
    }
    const oneStreamPerFormat = [...streamsByFormat.values()].every((x) => x.size === 1);
    for (const r of read) {
      const e = r.e;
      const name = `Event ${e.eventId} (${e.stream} #${e.sequence})`;
      if (r.erased) {
        note('event-hash', true, `${name}: content erased; position and hash proven by the log and the chain.`);
      } else {
        let hashHolds = false;
        try {
          hashHolds = (await (r.format === 1 ? eventHash(e) : eventHashTwo(e))) === e.hash;
        } catch { /* no hash */ }
        note('event-hash', hashHolds, `${name} has the hash ${e.hash}.`);
      }
      const commitment = e.commitment ?? null;
      if (r.format === 2 && (commitment !== null || r.personal !== null)) {
        let holds = r.personalErased && commitment !== null;
        try {
          holds ||= commitment !== null && r.fields !== null && isHex64(r.personal.salt)
            && (await commitmentOf(hexBytes(r.personal.salt), r.fields)) === commitment;
        } catch { /* fields without canonical form commit to nothing */ }
        note('commitment', holds, r.personalErased ? `${name}: personal part erased; the commitment stands in for it.`
          : `${name}'s personal part is the one its commitment was made for.`);
      }
      if (formatOne) {
        let included = false;
        try {
          included = await inclusionHolds(e.leafIndex, cp.treeSize, await sha256(LEAF, hexBytes(e.hash)),
            list(e.inclusionProof).map(hexBytes), hexBytes(cp.rootHash));
        } catch { /* a malformed proof proves nothing */ }
        note('inclusion', included, `${name} is entry ${e.leafIndex} of the signed log.`);
      }
      if (r.erased) {
        note('recorded-by-as-of', true, `${name}: content erased; when it was recorded cannot be shown.`);
      } else {
        const recordedAt = r.shown.recordedAt;
        note('recorded-by-as-of', recordedAt !== undefined && recordedAt !== null && parseInstant(recordedAt) <= asOf,
          `${name} was recorded by asOf.`);
      }
      const visitorStream = `${bundle.piiController}/${bundle.piiPrincipalId}`;
      if (r.isPolicy || !formatThree) {
        const expected = r.isPolicy ? bundle.piiController : visitorStream;
        note('stream', e.stream === expected, `${name} belongs to ${expected}.`);
      } else {
        // §14.2: one stream per event format; what an event shows of its visitor names the bundle's.
        const holds = oneStreamPerFormat && typeof e.stream === 'string'
          && e.stream.startsWith(`${bundle.piiController}/`)
          && (r.format === 2 || r.erased || e.stream === visitorStream)
          && (r.fields === null || r.fields.visitorId === bundle.piiPrincipalId);
        note('stream', holds, `${name} belongs to the one visitor stream of its format, of visitor ${bundle.piiPrincipalId}.`);
      }
      if (r.isNotice) {
        // §14.5: the notice's content has the digest the event states.
        let holds = false;
        try {
          holds = isObject(r.shown?.notice) && typeof r.shown.digest === 'string'
            && toHex(await sha256(canonicalize(r.shown.notice))) === r.shown.digest;
        } catch { /* a notice without canonical form has no digest */ }
        note('notice', holds, `${name}: notice ${r.shown?.notice?.noticeId} has the digest ${r.shown?.digest}.`);
      }
      addInput(r, policies, decisions);
      if (!streams.has(e.stream)) streams.set(e.stream, []);
      streams.get(e.stream).push(e);
    }
    if (!formatOne) {
      let included = false;
      try {
        const leaves = new Map();
        for (const e of bundle.events) leaves.set(e.leafIndex, await sha256(LEAF, hexBytes(e.hash)));
        included = leaves.size === bundle.events.length
          && await logProofHolds(leaves, cp.treeSize, list(bundle.logProof).map(hexBytes), hexBytes(cp.rootHash));
      } catch { /* a malformed proof proves nothing */ }
      note('inclusion', included, `The ${bundle.events.length} events are entries of the signed log at their leafIndex.`);
    }
    for (const stream of [...streams.keys()].sort()) {
      const ordered = streams.get(stream).slice()
        .sort((a, b) => (a.sequence < b.sequence ? -1 : a.sequence > b.sequence ? 1 : 0));
      let previous = GENESIS;
      const broken = ordered.findIndex((e, k) => {
        const bad = e.sequence !== BigInt(k) || e.previousHash !== previous;
        previous = e.hash;
        return bad;
      });
      note('chain', broken === -1,
        `The ${ordered.length} events of ${stream} form an unbroken chain from its first event.`);
    }
    // §14.2: once anything of the visitor is erased, none of their events shows anything personal, and each
    // erasure ends its stream.
    const erased = new Set(read.filter((r) => r.isErasure || r.erased || r.personalErased).map((r) => r.e.stream));
    if (formatThree && erased.size > 0) {
      const inErased = read.filter((r) => !r.isPolicy);
      const holds = !inErased.some(showsPersonalData) && inErased.filter((r) => r.isErasure).every((x) => inErased
        .every((r) => r === x || r.e.stream !== x.e.stream || r.e.sequence < x.e.sequence));
      note('erasure', holds, `${[...erased].sort().join(', ')} erased whole, each erasure its stream's last event.`);
    }
    // §14.5: a decision naming the notice its visitor was shown is read against that notice, which the bundle holds.
    if (formatThree) {
      for (const r of read.filter((x) => x.format === 2 && !x.isPolicy && isObject(x.shown?.context)
        && typeof x.shown.context.noticeId === 'string')) {
        const { noticeId, language } = r.shown.context;
        const notice = read.find((x) => x.isNotice && x.shown?.notice?.noticeId === noticeId)?.shown.notice;
        const name = `Event ${r.e.eventId} (${r.e.stream} #${r.e.sequence})`;
        const holds = notice !== undefined
          && (typeof language !== 'string' || Object.hasOwn(notice.texts ?? {}, language));
        note('shown', holds, `${name} names notice '${noticeId}' as shown${typeof language === 'string'
          ? ` in ${language}` : ''}: the bundle holds it${holds ? '' : ' not (or not in that language)'}.`);
      }
    }
    // The answer says how long before expiry it asks to renew a consent (a setting of the ledger that issued it).
    const asking = Array.isArray(bundle.answer?.askReasons);
    const renewBefore = asking && bundle.answer.renewBefore != null ? parseDuration(bundle.answer.renewBefore) : 0n;
    const recomputed = await resolve(bundle.piiController, bundle.piiPrincipalId, parseInstant(bundle.at), asOf,
      policies, decisions, renewBefore);
    // A bundle issued before answers stated their basis, or when to ask again, is held to the rest of its answer.
    if (bundle.answer?.basis == null) recomputed.basis = null;
    if (!asking) {
      delete recomputed.mustAsk;
      delete recomputed.askReasons;
    }
    note('answer', canonicalText(recomputed) === canonicalText(comparable(bundle.answer)),
      'The ledger\'s rule applied to these events gives the bundle\'s answer.');
  } catch (e) {
    note('evaluable', false, `The bundle's content cannot be evaluated: ${e.message}`);
  }
  return { verified: findings.length > 0 && findings.every((f) => f.holds), findings };
}
