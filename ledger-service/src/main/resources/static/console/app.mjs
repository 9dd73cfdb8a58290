// The auditor's console: signs in with a token kept for this tab, shows the ledger's status, and for a visitor the
// timeline of their consent, the answer at any instant as the ledger knew it at any other, the events and their
// chain, and the evidence bundle, verified in the browser by the evidence format's own verifier.
import * as verifier from './lib/verify-bundle.mjs';
import { ApiError, getBytes, getJson, paths, token } from './api.mjs';
import { abbreviated, byId, copyButton, h, replace, table } from './dom.mjs';
import { fractionOf, instantAt, shownPart, statusTimeline } from './timeline.mjs';
import { drawTimeline, legend, statusLabel } from './timeline-svg.mjs';

const { formatInstant, parseInstant, parseStrict, readPublicKey, verifyBundle } = verifier;

const GENESIS = '0'.repeat(64);
const CURSOR_MAX = 1_000_000;
const PAGES = ['sign-in', 'ledger', 'visitor'];

// What is loaded: the visitor's bundle and timeline, the answer being asked, a key file the auditor chose.
const state = { visitor: null, moveCursor: null, answerRequest: 0, answerTimer: null, keyFile: null };

// ---- Pages, sign-in and sign-out ----

function show(page) {
  for (const id of PAGES) byId(id).hidden = id !== page;
  byId('nav').hidden = page === 'sign-in';
  for (const link of document.querySelectorAll('#nav a')) {
    if (link.getAttribute('href') === `#${page}`) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

function route({ focus = true } = {}) {
  if (!token.get()) {
    showSignIn();
    return;
  }
  // Other fragments (the skip link, an event's row) stay on the page shown, if any.
  const shown = ['ledger', 'visitor'].some((id) => !byId(id).hidden);
  if (shown && !['', '#ledger', '#visitor'].includes(location.hash)) return;
  const page = location.hash === '#visitor' ? 'visitor' : 'ledger';
  show(page);
  if (page === 'ledger') loadLedger();
  else if (byId('site').options.length === 0) fillSitesFromLedger();
  if (focus) byId(`${page}-heading`).focus();
}

// message: why the console is signed out; an error (a refused token) or plain news.
function showSignIn(message = '', error = false) {
  show('sign-in');
  replace(byId('sign-in-error'), error ? message : '');
  replace(byId('sign-in-state'), error ? '' : message);
  byId('sign-in-heading').focus();
}

async function signIn(event) {
  event.preventDefault();
  const typed = byId('token').value.trim();
  replace(byId('sign-in-error'));
  replace(byId('sign-in-state'));
  if (typed === '') {
    replace(byId('sign-in-error'), 'Type an access token.');
    byId('token').focus();
    return;
  }
  token.set(typed);
  const button = byId('sign-in-button');
  button.disabled = true;
  try {
    const status = await getJson(paths.status());
    byId('token').value = '';
    fillSites(status.sites);
    route();
  } catch (e) {
    token.clear();
    replace(byId('sign-in-error'), `Not signed in: ${e.message}`);
    byId('token').focus();
  } finally {
    button.disabled = false;
  }
}

// Forgets the token and everything shown of the ledger's data.
function signOut(message = '', error = false) {
  token.clear();
  state.visitor = null;
  state.moveCursor = null;
  state.answerRequest++;
  for (const id of ['ledger-view', 'ledger-state', 'ledger-error', 'visitor-state', 'visitor-error', 'timeline',
    'timeline-legend', 'timeline-table', 'answer-view', 'answer-state', 'answer-error', 'events-view', 'checks',
    'verdict', 'verify-state', 'verify-subject', 'evidence-error', 'site']) {
    byId(id).replaceChildren();
  }
  byId('visitor-view').hidden = true;
  byId('visitor-id').value = '';
  setEvidenceButtons(false);
  showSignIn(message, error);
}

// An error in words where it happened; a refused token signs out.
function report(error, where) {
  if (error instanceof ApiError && error.status === 401) {
    signOut(`Signed out: ${error.message}`, true);
    return;
  }
  replace(byId(where), error.message);
}

// ---- Ledger ----

const yesNo = (b) => (b ? 'yes' : 'no');

function facts(testid, pairs) {
  return h('dl', { class: 'facts', 'data-testid': testid },
    pairs.map(([term, value]) => [h('dt', null, term), h('dd', null, value)]));
}

async function loadLedger() {
  replace(byId('ledger-error'));
  replace(byId('ledger-state'), 'Asking the ledger…');
  try {
    const status = await getJson(paths.status());
    fillSites(status.sites);
    renderLedger(status);
    replace(byId('ledger-state'), `Asked at ${new Date().toISOString()} by this computer's clock.`);
  } catch (e) {
    replace(byId('ledger-state'));
    report(e, 'ledger-error');
  }
}

function renderLedger(status) {
  const cp = status.checkpoint;
  const relay = status.relay;
  replace(byId('ledger-view'),
    facts('ledger-events', [['Events in the ledger', String(status.events)]]),
    h('h3', null, 'Newest signed checkpoint'),
    cp === null ? h('p', { 'data-testid': 'ledger-checkpoint' }, 'None yet: the log is empty.')
      : facts('ledger-checkpoint', [
        ['Tree size (entries of the log)', String(cp.treeSize)],
        ['Root hash', [h('code', { class: 'full' }, cp.rootHash), ' ', copyButton(cp.rootHash, 'root hash')]],
        ['Signed at (UTC)', cp.signedAt],
        ['Key id', h('code', null, cp.keyId)],
        ['Signature (Ed25519)', abbreviated(cp.signature, 12, 6)],
      ]),
    h('h3', null, 'Processors'),
    table('Each processor\'s position and lag',
      ['Processor', 'Position', 'Behind (events)', 'Replaying'],
      status.processors.map((p) => [p.name, String(p.position), String(p.behind), yesNo(p.replaying)]),
      { 'data-testid': 'ledger-processors' }),
    h('h3', null, 'Kafka relay'),
    relay === null ? h('p', { 'data-testid': 'ledger-relay' }, 'Not configured: the ledger publishes to no Kafka.')
      : facts('ledger-relay', [['Topic', relay.topic], ['Position', String(relay.position)],
        ['Behind (events)', String(relay.eventsBehind)], ['Replaying', yesNo(relay.replaying)]]),
    h('h3', null, 'Sites your key reaches'),
    status.sites.length === 0 ? h('p', null, 'None.')
      : h('ul', { 'data-testid': 'ledger-sites' }, status.sites.map((site) => h('li', null, site))));
}

async function fillSitesFromLedger() {
  try {
    fillSites((await getJson(paths.status())).sites);
  } catch (e) {
    report(e, 'visitor-error');
  }
}

function fillSites(sites) {
  const select = byId('site');
  const chosen = select.value;
  replace(select, sites.map((site) => h('option', { value: site }, site)));
  if (sites.includes(chosen)) select.value = chosen;
}

// ---- Visitor: timeline, events ----

const utf8 = (bytes) => new TextDecoder('utf-8', { fatal: true }).decode(bytes);

function setEvidenceButtons(enabled) {
  byId('download').disabled = !enabled;
  byId('verify').disabled = !enabled;
}

async function loadVisitor(event) {
  event.preventDefault();
  const site = byId('site').value;
  const visitor = byId('visitor-id').value;
  for (const id of ['visitor-error', 'visitor-state', 'answer-error', 'answer-state']) replace(byId(id));
  if (!site || visitor === '') {
    replace(byId('visitor-error'), !site ? 'Choose a site.' : 'Type a visitor id.');
    return;
  }
  const button = byId('visitor-load');
  button.disabled = true;
  // What was shown of another visitor, or verified of another bundle, goes before anything new is asked.
  state.visitor = null;
  state.answerRequest++;
  byId('visitor-view').hidden = true;
  setEvidenceButtons(false);
  clearVerification('');
  replace(byId('visitor-state'), `Loading the evidence of ${visitor} on ${site}…`);
  try {
    // at and asOf left to the ledger's clock: "now" as the ledger knows it, whatever this computer's clock says.
    const bundle = parseStrict(utf8(await getBytes(paths.evidence(site, visitor))));
    const timeline = await statusTimeline(bundle, verifier);
    state.visitor = { site, visitor, bundle, timeline };
    renderTimeline(timeline);
    renderEvents(bundle);
    byId('at').value = bundle.at;
    byId('as-of').value = bundle.asOf;
    placeCursor(parseInstant(bundle.at));
    byId('visitor-view').hidden = false;
    setEvidenceButtons(true);
    const count = bundle.events.filter((e) => e.stream !== bundle.piiController).length;
    replace(byId('visitor-state'), `${count} event${count === 1 ? '' : 's'} of ${visitor} on ${site}, as the ledger `
      + `knew them at ${bundle.asOf} (bundle ${bundle.receiptId}).`);
    await askAnswer();
  } catch (e) {
    replace(byId('visitor-state'));
    report(e, 'visitor-error');
  } finally {
    button.disabled = false;
  }
}

const instant = (text) => h('span', { class: 'instant' }, text);

function statusCell(status) {
  if (!status) return h('span', { class: 'status none' }, '— (not in the policy in force)');
  return h('span', { class: `status status-${status.status}` }, statusLabel(status.status),
    status.decidedBy ? [' by ', eventLink(status.decidedBy)] : null);
}

function eventLink(eventId) {
  const known = state.visitor?.bundle.events.some((e) => e.eventId === eventId);
  if (!known) return abbreviated(eventId);
  return h('a', { href: `#event-${encodeURIComponent(eventId)}`, title: eventId, class: 'abbr' },
    abbreviated(eventId).textContent);
}

function renderTimeline(timeline) {
  const figure = byId('timeline').parentElement;
  replace(byId('timeline-legend'));
  replace(byId('timeline-table'));
  if (timeline.start === null) {
    byId('timeline').replaceChildren();
    figure.hidden = true;
    state.moveCursor = null;
    byId('cursor').disabled = true;
    replace(byId('timeline-table'), h('p', { 'data-testid': 'timeline-empty' },
      'The ledger holds no decision of this visitor on this site: there is nothing to draw.'));
    return;
  }
  figure.hidden = false;
  byId('cursor').disabled = false;
  state.moveCursor = drawTimeline(byId('timeline'), timeline, formatInstant);
  replace(byId('timeline-legend'), legend());
  const last = timeline.segments.length - 1;
  replace(byId('timeline-table'), table(
    'The same statuses as a table: each row is a stretch of time in which no status changed',
    ['From (UTC)', 'Until (UTC)', 'Policy version in force', ...timeline.categories],
    timeline.segments.map((segment, k) => [
      instant(formatInstant(segment.from)),
      k === last && segment.to === timeline.at ? [instant(formatInstant(segment.to)), ' (now)']
        : instant(formatInstant(segment.to)),
      segment.policyVersion === null ? 'none' : String(segment.policyVersion),
      ...timeline.categories.map((id) => statusCell(segment.statuses.get(id))),
    ]),
    { 'data-testid': 'timeline-status-table' }));
}

function renderEvents(bundle) {
  const streams = new Map();
  for (const e of bundle.events) {
    if (!streams.has(e.stream)) streams.set(e.stream, []);
    streams.get(e.stream).push(e);
  }
  const rows = [];
  for (const [stream, events] of streams) {
    const ordered = events.slice().sort((a, b) => (a.sequence < b.sequence ? -1 : a.sequence > b.sequence ? 1 : 0));
    const who = stream === bundle.piiController ? 'site policies' : 'visitor';
    ordered.forEach((e, k) => {
      const shown = shownPart(e);
      const previous = ordered[k - 1];
      let chain;
      if (k === 0) {
        chain = e.previousHash === GENESIS && e.sequence === 0n ? 'first of its stream (64 zeros)'
          : 'BROKEN: the first event of the stream must have sequence 0 and previousHash 64 zeros';
      } else {
        chain = e.previousHash === previous.hash && e.sequence === previous.sequence + 1n
          ? `links to #${previous.sequence}` : `BROKEN: not the hash of #${previous.sequence}`;
      }
      const row = h('tr', { id: `event-${e.eventId}` },
        h('td', null, h('span', { title: stream }, who)),
        h('td', null, String(e.sequence)),
        h('td', null, String(e.type)),
        h('td', null, abbreviated(e.eventId), ' ', copyButton(e.eventId, `event id ${e.eventId}`)),
        h('td', null, shown?.occurredAt ? instant(shown.occurredAt)
          : shown?.policy ? ['effective ', instant(shown.policy.effectiveFrom)] : '—'),
        h('td', null, shown?.recordedAt ? instant(shown.recordedAt) : '— (erased)'),
        h('td', null, abbreviated(e.hash), ' ', copyButton(e.hash, `hash of event ${e.eventId}`)),
        h('td', null, abbreviated(e.previousHash), ' ',
          copyButton(e.previousHash, `previous hash of event ${e.eventId}`)),
        h('td', { class: chain.startsWith('BROKEN') ? 'broken' : 'linked' }, chain));
      rows.push(row);
    });
  }
  replace(byId('events-view'), table(
    'Events of the bundle, each stream in sequence order, with the hash chain',
    ['Stream', 'Sequence', 'Type', 'Event id', 'Occurred at (UTC)', 'Recorded at (UTC)', 'Hash', 'Previous hash',
      'Chain'],
    rows, { 'data-testid': 'events-table' }));
}

// ---- The cursor and the point-in-time answer ----

function placeCursor(t) {
  const timeline = state.visitor?.timeline;
  if (!timeline || timeline.start === null) return;
  const range = byId('cursor');
  range.value = String(Math.round(fractionOf(timeline, t) * CURSOR_MAX));
  range.setAttribute('aria-valuetext', formatInstant(t));
  state.moveCursor?.(t < timeline.start ? timeline.start : t > timeline.end ? timeline.end : t);
}

// Reads an instant field; shows why it is not one.
function instantField(id) {
  const input = byId(id);
  const error = byId(`${id}-error`);
  try {
    const t = parseInstant(input.value.trim());
    input.removeAttribute('aria-invalid');
    replace(error);
    return t;
  } catch {
    input.setAttribute('aria-invalid', 'true');
    replace(error, 'Write a UTC instant as YYYY-MM-DDTHH:MM:SS, optionally with a fraction, and Z.');
    return null;
  }
}

async function askAnswer() {
  clearTimeout(state.answerTimer);
  if (!state.visitor) return;
  const at = instantField('at');
  const asOf = instantField('as-of');
  if (at === null || asOf === null) return;
  const { site, visitor } = state.visitor;
  const request = ++state.answerRequest;
  replace(byId('answer-error'));
  replace(byId('answer-state'), 'Asking the ledger…');
  byId('answer-view').setAttribute('aria-busy', 'true');
  try {
    const answer = await getJson(paths.consent(site, visitor, { at: formatInstant(at), asOf: formatInstant(asOf) }));
    if (request !== state.answerRequest) return;
    renderAnswer(answer);
  } catch (e) {
    if (request !== state.answerRequest) return;
    replace(byId('answer-state'));
    replace(byId('answer-view'));
    report(e, 'answer-error');
  } finally {
    if (request === state.answerRequest) byId('answer-view').removeAttribute('aria-busy');
  }
}

function askSoon() {
  clearTimeout(state.answerTimer);
  state.answerTimer = setTimeout(askAnswer, 250);
}

function renderAnswer(answer) {
  const allowed = answer.cookies.filter((c) => c.allowed).length;
  const inForce = answer.policyVersion === null ? 'no policy version in force'
    : `policy version ${answer.policyVersion} in force`;
  replace(byId('answer-state'), `At ${answer.at}, as the ledger knew it at ${answer.asOf}: ${inForce}; `
    + `${allowed} of ${answer.cookies.length} cookies allowed.`);
  const basis = answer.basis;
  replace(byId('answer-view'),
    table('Category statuses', ['Category', 'Status', 'Decided by (event)', 'Under policy version'],
      answer.categories.map((c) => [c.id, h('span', { class: `status status-${c.status}` }, statusLabel(c.status)),
        c.decidedBy ? eventLink(c.decidedBy) : '—', c.policyVersion === null ? '—' : String(c.policyVersion)]),
      { 'data-testid': 'answer-categories' }),
    table('Cookies, and whether each was allowed', ['Cookie', 'Provider', 'Category', 'Allowed', 'Reason',
      'Decided by (event)'],
    answer.cookies.map((c) => [c.name, c.provider, c.category,
      h('span', { class: c.allowed ? 'allowed' : 'refused' }, c.allowed ? 'allowed' : 'not allowed'),
      c.reason, c.decidedBy ? eventLink(c.decidedBy) : '—']),
    { 'data-testid': 'answer-table' }),
    h('p', { 'data-testid': 'answer-must-ask' }, answer.mustAsk
      ? `The site must ask the visitor again: ${answer.askReasons.join(', ')}.`
      : 'The site need not ask the visitor again.'),
    basis ? h('p', { class: 'help', 'data-testid': 'answer-basis' }, 'Basis: policy versions known at asOf: ',
      `${basis.policyVersions.join(', ') || 'none'}; visible events of the visitor: ${basis.events}; digest `,
      abbreviated(basis.digest), '. The evidence bundle for the same at and asOf states the same basis.') : null);
}

function moveByCursor() {
  const timeline = state.visitor?.timeline;
  if (!timeline || timeline.start === null) return;
  const t = instantAt(timeline, Number(byId('cursor').value) / CURSOR_MAX);
  byId('at').value = formatInstant(t);
  placeCursor(t);
  askSoon();
}

// The instants worth stopping at: where a status changes, and where an event of the visitor lies.
function stops() {
  const timeline = state.visitor.timeline;
  const all = [...timeline.segments.map((s) => s.from), timeline.end,
    ...timeline.marks.filter((m) => m.stream !== timeline.siteId).map((m) => m.at)]
    .filter((t) => t >= timeline.start && t <= timeline.end);
  return [...new Set(all)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function jump(direction) {
  const timeline = state.visitor?.timeline;
  if (!timeline || timeline.start === null) return;
  const at = instantField('at') ?? timeline.end;
  const list = stops();
  const target = direction < 0 ? list.filter((t) => t < at).pop() : list.find((t) => t > at);
  if (target === undefined) return;
  byId('at').value = formatInstant(target);
  placeCursor(target);
  askAnswer();
}

// ---- Evidence: download and verification ----

function currentQuery() {
  const at = instantField('at');
  const asOf = instantField('as-of');
  if (at === null || asOf === null) throw new Error('Correct the at and asOf fields first.');
  return { at: formatInstant(at), asOf: formatInstant(asOf) };
}

const fileName = (site, visitor, at) => `evidence-${site}-${visitor}-${at}.json`.replace(/[^A-Za-z0-9._-]/g, '_');

async function downloadBundle() {
  replace(byId('evidence-error'));
  const button = byId('download');
  button.disabled = true;
  try {
    const { site, visitor } = state.visitor;
    const query = currentQuery();
    const bytes = await getBytes(paths.evidence(site, visitor, query));
    const url = URL.createObjectURL(new Blob([bytes], { type: 'application/json' }));
    const name = fileName(site, visitor, query.at);
    const link = h('a', { href: url, download: name, hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    replace(byId('verify-state'), `Downloaded ${name} (${bytes.length} bytes).`);
  } catch (e) {
    report(e, 'evidence-error');
  } finally {
    button.disabled = false;
  }
}

// The key to verify with: the file the auditor chose, or the one this ledger serves.
async function verificationKey() {
  if (state.keyFile) return { pem: state.keyFile.pem, source: `from your file ${state.keyFile.name}` };
  const pem = utf8(await getBytes(paths.publicKey(), { authorized: false, accept: 'text/plain' }));
  return { pem, source: `served by this ledger at ${paths.publicKey()}` };
}

function keyProblem(e) {
  if (e?.name === 'NotSupportedError') {
    return 'This browser cannot check Ed25519 signatures (WebCrypto): use a current browser, or the offline verifier.';
  }
  return `The public key cannot be used: ${e.message}`;
}

function clearVerification(message) {
  replace(byId('verdict'));
  byId('verdict').className = 'verdict';
  replace(byId('verify-subject'));
  replace(byId('checks'));
  replace(byId('evidence-error'));
  replace(byId('verify-state'), message);
}

async function verifyText(text, subject) {
  const key = await verificationKey();
  let id;
  let result;
  try {
    ({ id } = await readPublicKey(key.pem));
    result = await verifyBundle(text, key.pem);
  } catch (e) {
    throw new Error(keyProblem(e));
  }
  showVerdict(result.verified, `${subject} Key ${id}, ${key.source}.`);
  replace(byId('checks'), result.findings.map((f) => h('li', { class: f.holds ? 'ok' : 'failed',
    'data-check': f.check }, h('span', { class: 'outcome' }, f.holds ? 'ok' : 'FAILED'), ' ',
  h('code', null, `[${f.check}]`), ' ', f.statement)));
  const failed = result.findings.filter((f) => !f.holds).length;
  replace(byId('verify-state'), `${result.findings.length} checks made, ${failed} failed.`);
}

function showVerdict(verified, subject) {
  replace(byId('verdict'), verified ? 'VERIFIED' : 'NOT VERIFIED');
  byId('verdict').className = `verdict ${verified ? 'verified' : 'not-verified'}`;
  replace(byId('verify-subject'), subject);
}

async function verifyFromLedger() {
  const button = byId('verify');
  button.disabled = true;
  clearVerification('Fetching the bundle and the key, then verifying…');
  try {
    const { site, visitor } = state.visitor;
    const query = currentQuery();
    const text = utf8(await getBytes(paths.evidence(site, visitor, query)));
    await verifyText(text, `The bundle this ledger issued now for ${visitor} on ${site}, at ${query.at}, asOf `
      + `${query.asOf}.`);
  } catch (e) {
    replace(byId('verify-state'));
    report(e, 'evidence-error');
  } finally {
    button.disabled = false;
  }
}

async function verifyFile() {
  const input = byId('bundle-file');
  const file = input.files?.[0];
  if (!file) return;
  clearVerification(`Verifying ${file.name}…`);
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    let text;
    try {
      text = utf8(bytes);
    } catch {
      showVerdict(false, `The file ${file.name} is not UTF-8 text, so it is no bundle; no check could be made.`);
      replace(byId('verify-state'));
      return;
    }
    await verifyText(text, `The file ${file.name} (${bytes.length} bytes).`);
  } catch (e) {
    replace(byId('verify-state'));
    report(e, 'evidence-error');
  } finally {
    // The same file chosen again is verified again.
    input.value = '';
  }
}

async function chooseKeyFile() {
  const file = byId('key-file').files?.[0];
  replace(byId('evidence-error'));
  if (!file) {
    state.keyFile = null;
    return;
  }
  try {
    const pem = await file.text();
    const { id } = await readPublicKey(pem);
    state.keyFile = { name: file.name, pem };
    replace(byId('verify-state'), `Bundles are now verified with key ${id} from ${file.name}.`);
  } catch (e) {
    state.keyFile = null;
    byId('key-file').value = '';
    replace(byId('evidence-error'), keyProblem(e));
  }
}

// ---- Start ----

byId('script-needed').hidden = true;
byId('insecure').hidden = Boolean(globalThis.isSecureContext && globalThis.crypto?.subtle);
byId('sign-in-form').addEventListener('submit', signIn);
byId('sign-out').addEventListener('click', () => signOut('Signed out.'));
byId('ledger-refresh').addEventListener('click', loadLedger);
byId('visitor-form').addEventListener('submit', loadVisitor);
byId('answer-form').addEventListener('submit', (e) => { e.preventDefault(); askAnswer(); });
byId('cursor').addEventListener('input', moveByCursor);
byId('at').addEventListener('change', () => {
  const t = instantField('at');
  if (t !== null) placeCursor(t);
  askAnswer();
});
byId('as-of').addEventListener('change', askAnswer);
byId('cursor-previous').addEventListener('click', () => jump(-1));
byId('cursor-next').addEventListener('click', () => jump(1));
byId('cursor-now').addEventListener('click', () => {
  if (!state.visitor) return;
  byId('at').value = state.visitor.bundle.at;
  byId('as-of').value = state.visitor.bundle.asOf;
  placeCursor(parseInstant(state.visitor.bundle.at));
  askAnswer();
});
byId('download').addEventListener('click', downloadBundle);
byId('verify').addEventListener('click', verifyFromLedger);
byId('bundle-file').addEventListener('change', verifyFile);
byId('key-file').addEventListener('change', chooseKeyFile);
window.addEventListener('hashchange', () => route());
route({ focus: false });
