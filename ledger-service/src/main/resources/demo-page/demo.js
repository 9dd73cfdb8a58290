// The demo banner: draws itself from the notice the ledger published, records the visitor's choice through the
// SDK, and shows what the ledger answers back.
import { create } from '/sdk/consent-ledger.mjs';

const $ = (id) => document.getElementById(id);
let sites = [];
let ledger = null;
let site = null;

function text(element, value) {
  element.textContent = value;
  return element;
}

function button(label, id, primary, onClick) {
  const b = document.createElement('button');
  b.type = 'button';
  b.dataset.testid = id;
  if (primary) {
    b.className = 'primary';
  }
  b.addEventListener('click', onClick);
  return text(b, label);
}

function showBanner() {
  const notice = site.notice.texts.en;
  text($('banner-title'), notice.title);
  text($('banner-body'), notice.body);
  const categories = $('categories');
  categories.replaceChildren();
  for (const c of notice.categories) {
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.id = 'category-' + c.id;
    box.value = c.id;
    box.dataset.testid = 'category-' + c.id;
    const label = text(document.createElement('label'), c.name);
    label.htmlFor = box.id;
    categories.append(box, label);
  }
  $('choices').hidden = true;
  const labels = notice.buttonLabels;
  const all = notice.categories.map((c) => c.id);
  $('buttons').replaceChildren(
    button(labels['accept-all'], 'accept-all', true, () => choose(all, [], 'accept-all')),
    button(labels['reject-all'], 'reject-all', true, () => choose([], all, 'reject-all')),
    button(labels.customize, 'customize', false, () => {
      $('choices').hidden = false;
      $('buttons').replaceChildren(button(labels.save, 'save', true, () => {
        const boxes = [...categories.querySelectorAll('input')];
        choose(boxes.filter((b) => b.checked).map((b) => b.value), boxes.filter((b) => !b.checked)
          .map((b) => b.value), 'custom');
      }));
    }));
  $('banner').hidden = false;
  $('buttons').querySelector('button').focus();
}

async function choose(granted, denied, method) {
  $('banner').hidden = true;
  text($('delivery'), 'Sending your choice…');
  try {
    const receipt = await ledger.record({ consent: { policyVersion: site.policyVersion, granted, denied, method,
      surface: 'banner', language: 'en', noticeId: site.notice.noticeId } });
    text($('delivery'), receipt ? 'Recorded: event ' + receipt.eventId : 'Sent');
  } catch (e) {
    text($('delivery'), 'Refused: ' + (e.problem?.detail ?? e.message));
  }
  await refresh(false);
}

async function withdraw() {
  text($('delivery'), 'Sending your withdrawal…');
  try {
    const receipt = await ledger.record({ withdrawal: { all: true, method: 'custom', surface: 'preference-centre',
      language: 'en', noticeId: site.notice.noticeId } });
    text($('delivery'), receipt ? 'Recorded: event ' + receipt.eventId : 'Sent');
  } catch (e) {
    text($('delivery'), 'Refused: ' + (e.problem?.detail ?? e.message));
  }
  await refresh(false);
}

async function refresh(askIfNeeded) {
  let state;
  try {
    state = await ledger.current();
  } catch (e) {
    text($('ask'), 'The ledger cannot answer now: ' + (e.problem?.detail ?? e.message));
    return;
  }
  const rows = Object.entries(state.categories).map(([id, status]) => {
    const row = document.createElement('tr');
    row.append(text(document.createElement('td'), id), text(document.createElement('td'), status));
    return row;
  });
  $('statuses').replaceChildren(...rows);
  text($('ask'), state.mustAsk ? 'The banner asks you because: ' + state.askReasons.join(', ')
    : 'Your choice stands; the banner does not ask again.');
  if (askIfNeeded && state.mustAsk) {
    showBanner();
  }
}

function open(siteId) {
  site = sites.find((s) => s.siteId === siteId);
  ledger = create({ endpoint: location.origin, siteId: site.siteId, key: site.publishableKey,
    cookieName: 'demo_vid',
    onDelivered: (r) => text($('delivery'), 'Recorded: event ' + r.eventId),
    onError: (e) => text($('delivery'), 'Not recorded: ' + (e.problem?.detail ?? e.message)) });
  text($('visitor'), ledger.visitorId);
  refresh(true);
}

async function start() {
  const answer = await fetch('/demo/sites.json');
  sites = await answer.json();
  const select = $('site');
  for (const s of sites) {
    const option = text(document.createElement('option'), s.siteId);
    option.value = s.siteId;
    select.append(option);
  }
  const chosen = new URLSearchParams(location.search).get('site');
  if (chosen && sites.some((s) => s.siteId === chosen)) {
    select.value = chosen;
  }
  select.addEventListener('change', () => {
    const url = new URL(location.href);
    url.searchParams.set('site', select.value);
    location.assign(url);
  });
  $('reopen').addEventListener('click', showBanner);
  $('withdraw').addEventListener('click', withdraw);
  open(select.value);
}

start();
