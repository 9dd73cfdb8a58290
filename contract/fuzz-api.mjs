// Sends generated requests to every operation of the ledger's OpenAPI document, as a client generated from that
// document would (and as a careless one would), and fails on any 5xx, or any status, media type or body that the
// document does not describe for that operation.
//
//   node fuzz-api.mjs --base http://127.0.0.1:8080 --token-file data/keys/access-token [--cases 40] [--seed 7]
//        [--samples samples.json]   (one JSON answer of each operation and status, for check-types.mjs)
import { readFileSync, writeFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) =>
  arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs, []));
const base = args.base ?? 'http://127.0.0.1:8080';
const token = readFileSync(args['token-file'], 'utf8').trim();
const casesPerOperation = Number(args.cases ?? 40);
const random = mulberry32(Number(args.seed ?? 7));

const api = await (await fetch(`${base}/v3/api-docs`)).json();
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ $id: 'api', components: api.components });

const failures = [];
const tally = new Map();
const samples = new Map();
const now = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');

// Replays rebuild read models or resend Kafka, after which answers are 503 for a moment: they go last.
const operations = Object.entries(api.paths).sort(([a], [b]) => a.endsWith('/replay') - b.endsWith('/replay'));
for (const [path, item] of operations) {
  for (const [method, operation] of Object.entries(item)) {
    for (const request of requestsFor(path, method, operation)) {
      await exchange(path, method, operation, request);
    }
  }
}

// Whatever was sent, the ledger must still be whole: its read models catch up with its store again.
if (!await readModelsCatchUp(60_000)) failures.push({ problem: 'the read models did not catch up after the run' });

if (args.samples) writeFileSync(args.samples, JSON.stringify([...samples.values()]));

for (const [operation, statuses] of [...tally].sort()) {
  console.log(operation.padEnd(72), [...statuses].sort().map(([s, n]) => `${s}×${n}`).join(' '));
}
if (failures.length > 0) {
  console.error(`\n${failures.length} answers the API document does not describe; the first ones:`);
  failures.slice(0, 25).forEach(f => console.error(JSON.stringify(f)));
  process.exit(1);
}
console.log(`\nEvery answer matched the API document (${[...tally.values()]
  .reduce((n, s) => n + [...s.values()].reduce((a, b) => a + b, 0), 0)} requests).`);

async function readModelsCatchUp(timeoutMillis) {
  const deadline = Date.now() + timeoutMillis;
  while (Date.now() < deadline) {
    const status = await (await fetch(`${base}/api/v1/admin/projections`,
      { headers: { authorization: `Bearer ${token}` } })).json();
    if (status.projections.every(p => !p.replaying && p.position >= status.head)) return true;
    await new Promise(resolve => setTimeout(resolve, 200));
  }
  return false;
}

/** Valid requests first (so success answers are checked too), then generated and broken ones. */
function* requestsFor(path, method, operation) {
  yield* seeds(path, method);
  for (let i = 0; i < casesPerOperation; i++) {
    const valid = i % 2 === 0;
    const parameters = {};
    for (const parameter of operation.parameters ?? []) {
      if (!parameter.required && random() < 0.3) continue;
      parameters[parameter.name] = { in: parameter.in, value: valid ? example(parameter) : mutant(parameter.schema) };
    }
    const media = operation.requestBody?.content && Object.keys(operation.requestBody.content)[0];
    let body;
    if (media === 'application/json') {
      const schema = operation.requestBody.content[media].schema;
      body = JSON.stringify(valid ? instance(schema, 0) : breakBody(instance(schema, 0), schema));
    } else if (media) {
      body = valid ? 'Cookie policy\n\nnecessary\nsessionid\tSite\tKeeps you signed in\n' : pick(['', '\u0000', 'x'.repeat(5000)]);
    }
    yield { parameters, body, media, token: random() < 0.9 ? token : pick([undefined, 'not-a-token']) };
  }
}

/** Requests a real client sends, so that the document's success answers are exercised and checked. */
function* seeds(path, method) {
  const site = 'smartbump.opendatasoft.com';
  const ids = { siteId: site, visitorId: `fuzz-${Math.floor(random() * 1e9)}` };
  const params = names => Object.fromEntries(names.map(n => [n, { in: 'path', value: ids[n] }]));
  const json = (parameters, body) => ({ parameters, body: JSON.stringify(body), media: 'application/json', token });
  const at = now();
  if (method === 'post' && path.endsWith('/consents')) {
    const consent = { consentId: `c-${ids.visitorId}`, policyVersion: 1, occurredAt: at, granted: ['statistics'],
      denied: ['third-party'], source: 'banner', evidence: { userAgent: 'fuzzer' } };
    yield json(params(['siteId', 'visitorId']), consent);
    yield json(params(['siteId', 'visitorId']), consent);
  } else if (method === 'post' && path.endsWith('/withdrawals')) {
    yield json(params(['siteId', 'visitorId']), { withdrawalId: `w-${ids.visitorId}`, occurredAt: at, all: true });
  } else if (method === 'post' && path.endsWith('/consents:batch')) {
    yield json(params(['siteId']), { decisions: [
      { visitorId: ids.visitorId, consent: { consentId: `b-${ids.visitorId}`, policyVersion: 1, occurredAt: at,
        granted: [], denied: ['statistics'] } },
      { visitorId: ids.visitorId, withdrawal: { withdrawalId: `bw-${ids.visitorId}`, occurredAt: at,
        categories: ['first-party'] } },
      { visitorId: ids.visitorId, consent: { consentId: 'x', policyVersion: 1, occurredAt: at, granted: ['nope'],
        denied: [] } }] });
  } else if (method === 'put' && path.endsWith('/policies/{version}')) {
    const site = `fuzz-${Math.floor(random() * 1e9)}.example`;
    const policy = { effectiveFrom: at, consentMaxAge: 'P30D',
      categories: [{ id: 'necessary', name: 'Necessary', consentRequired: false },
        { id: 'statistics', name: 'Statistics', description: null, consentRequired: true }],
      cookies: [{ name: '_pk_id', provider: 'Matomo', function: null, purpose: 'Count visits', category: 'statistics' }] };
    const parameters = { siteId: { in: 'path', value: site }, version: { in: 'path', value: 1 } };
    yield json(parameters, policy);
    yield json(parameters, policy);
  } else if (method === 'put' && path.endsWith('/notices/{noticeId}')) {
    const notice = { policyVersion: 1, buttons: ['accept-all', 'reject-all'],
      texts: { en: { title: 'Cookies', body: 'We use cookies.',
        buttonLabels: { 'accept-all': 'Accept', 'reject-all': 'Reject' },
        categories: [{ id: 'statistics', name: 'Statistics' }], vendors: [{ name: 'Matomo', iabId: null }] } },
      attachments: [{ name: 'banner.js', mediaType: 'text/javascript',
        content: Buffer.from('showBanner()').toString('base64') }] };
    const parameters = { siteId: { in: 'path', value: site },
      noticeId: { in: 'path', value: `fuzz-${Math.floor(random() * 1e9)}` } };
    yield json(parameters, notice);
    yield json(parameters, notice);
  } else if (method === 'get' && /visitors\/\{visitorId\}\/(consent|evidence|events)$/.test(path)) {
    yield { parameters: { siteId: { in: 'path', value: site }, visitorId: { in: 'path', value: 'alice' } }, token };
  }
}

async function exchange(path, method, operation, request) {
  let url = base + path;
  const query = new URLSearchParams();
  for (const [name, { in: where, value }] of Object.entries(request.parameters)) {
    if (where === 'path') url = url.replace(`{${name}}`, encodeURIComponent(String(value)));
    else if (where === 'query') query.append(name, String(value));
  }
  for (const name of url.matchAll(/\{(\w+)\}/g)) url = url.replace(name[0], 'x');
  if ([...query].length > 0) url += `?${query}`;
  const headers = { accept: 'application/json, application/problem+json, text/plain' };
  if (request.token) headers.authorization = `Bearer ${request.token}`;
  if (request.media) headers['content-type'] = request.media;
  let response;
  try {
    response = await fetch(url, { method: method.toUpperCase(), headers, body: request.body });
  } catch (e) {
    failures.push({ operation: `${method} ${path}`, url, problem: `no answer: ${e.message}` });
    return;
  }
  const status = String(response.status);
  const text = await response.text();
  const key = `${method.toUpperCase()} ${path}`;
  const statuses = tally.get(key) ?? new Map();
  statuses.set(status, (statuses.get(status) ?? 0) + 1);
  tally.set(key, statuses);
  const fail = problem => failures.push({ operation: key, url, status, body: request.body?.slice(0, 300),
    answer: text.slice(0, 300), problem });
  if (response.status >= 500) return fail('a server error');
  const documented = operation.responses[status] ?? operation.responses.default;
  if (!documented) return fail(`status ${status} is not documented`);
  const type = (response.headers.get('content-type') ?? '').split(';')[0].trim();
  if (!documented.content) {
    if (text.length > 0) fail('a body where the document describes none');
    return;
  }
  const media = documented.content[type];
  if (!media) return fail(`media type '${type}' is not documented for ${status}`);
  if (status === '503' && !response.headers.get('retry-after')) fail('503 without Retry-After');
  if (!type.endsWith('json') || !media.schema) return;
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    return fail('not JSON');
  }
  const validate = ajv.compile(rebase(media.schema));
  if (!validate(value)) return fail(`body does not match the schema: ${ajv.errorsText(validate.errors)}`);
  const sample = `${path} ${method} ${status}`;
  if (!samples.has(sample)) samples.set(sample, { path, method, status, media: type, body: value });
}

/** The schema with its references pointing into the components registered as 'api'. */
function rebase(schema) {
  return JSON.parse(JSON.stringify(schema).replaceAll('"$ref":"#/', '"$ref":"api#/'));
}

function resolve(schema) {
  if (schema?.$ref) return resolve(api.components.schemas[schema.$ref.split('/').pop()]);
  return schema ?? {};
}

function example(parameter) {
  return parameter.example ?? instance(parameter.schema, 0);
}

/** A value of the schema's shape, with whatever the generator can guess for its content. */
function instance(schema, depth) {
  schema = resolve(schema);
  const type = [schema.type].flat().find(t => t !== 'null') ?? (schema.properties ? 'object' : 'string');
  if (schema.enum) return pick(schema.enum);
  if (schema.example !== undefined) return schema.example;
  switch (type) {
    case 'object': {
      const value = {};
      for (const [name, property] of Object.entries(schema.properties ?? {})) {
        if ((schema.required ?? []).includes(name) || random() < 0.6) value[name] = depth > 4 ? null : instance(property, depth + 1);
      }
      return value;
    }
    case 'array': return depth > 4 ? [] : Array.from({ length: Math.floor(random() * 3) + 1 }, () => instance(schema.items, depth + 1));
    case 'integer': return Math.max(Number(schema.minimum ?? 0), 1) + Math.floor(random() * 3);
    case 'number': return random() * 10;
    case 'boolean': return random() < 0.5;
    default:
      if (schema.format === 'date-time') return now();
      if (schema.format === 'duration') return pick(['P30D', 'PT12H']);
      return pick(['statistics', 'necessary', 'third-party', 'a', 'alice', 'x-1']);
  }
}

/** A value a careless client might send instead. */
function mutant() {
  return pick(['', ' ', '-1', '0', '1700000000', '1e3', 'null', 'true', '%', '..', 'a/b', '\u00e9t\u00e9', '<script>',
    'x'.repeat(300), '2026-13-45T99:99:99Z', '2026-11-23T24:00:00Z', '2026-11-23T10:00:00+25:00', '9'.repeat(30)]);
}

function breakBody(value, schema) {
  schema = resolve(schema);
  const names = Object.keys(schema.properties ?? {});
  const broken = { ...value };
  switch (Math.floor(random() * 7)) {
    case 0: delete broken[pick((schema.required ?? names).length ? (schema.required ?? names) : ['x'])]; return broken;
    case 1: broken[pick(names)] = pick([12345, 1.5, true, 'text', [], {}, null]); return broken;
    case 2: broken.unexpected = 'member'; return broken;
    case 3: return pick([null, [], 'text', 42]);
    case 4: return { ...broken, [pick(names)]: mutant() };
    case 5: return Object.fromEntries(names.map(n => [n, null]));
    default: return {};
  }
}

function pick(values) {
  return values[Math.floor(random() * values.length)];
}

function mulberry32(seed) {
  return () => {
    seed = (seed + 0x6D2B79F5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
