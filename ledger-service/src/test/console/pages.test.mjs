// The console's files keep the promises its Content-Security-Policy and its end-to-end tests rely on: no inline
// script or style, nothing from another origin, no HTML built from data, every control labelled, stable test ids.
//
//   node --test ledger-service/src/test/console/pages.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';

const dir = new URL('../../main/resources/static/console/', import.meta.url);
const html = readFileSync(new URL('index.html', dir), 'utf8');
const modules = readdirSync(dir).filter((f) => f.endsWith('.mjs'))
  .map((f) => ({ file: f, text: readFileSync(new URL(f, dir), 'utf8') }));
const attribute = (tag, name) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
const tags = (name) => [...html.matchAll(new RegExp(`<${name}\\b[^>]*>`, 'g'))].map((m) => m[0]);

test('the page runs only module files of its own: no inline script, style or event handler', () => {
  assert.match(html, /<html lang="en">/);
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
  assert.ok(scripts.length > 0);
  for (const [, attrs, body] of scripts) {
    assert.match(attrs, /type="module"/);
    assert.match(attrs, /src="[^"]+"/);
    assert.equal(body.trim(), '');
  }
  assert.doesNotMatch(html, /<style\b/);
  assert.doesNotMatch(html, /\sstyle=/);
  assert.doesNotMatch(html, /\son[a-z]+=/);
});

test('everything the page and its modules load comes from this origin', () => {
  for (const tag of [...tags('script'), ...tags('link'), ...tags('img'), ...tags('a')]) {
    for (const url of [attribute(tag, 'src'), attribute(tag, 'href')].filter(Boolean)) {
      assert.doesNotMatch(url, /^(?:[a-z]+:|\/\/)/i, tag);
    }
  }
  for (const { file, text } of modules) {
    for (const [, specifier] of text.matchAll(/^import\b[^'"]*['"]([^'"]+)['"]/gm)) {
      assert.match(specifier, /^\.\//, `${file} imports ${specifier}`);
    }
    assert.doesNotMatch(text, /https?:\/\/(?!www\.w3\.org\/2000\/svg)/, file);
  }
  assert.doesNotMatch(readFileSync(new URL('console.css', dir), 'utf8'), /@import|url\(/);
});

test('no module builds HTML from text or evaluates code', () => {
  for (const { file, text } of modules) {
    for (const sink of ['innerHTML', 'outerHTML', 'insertAdjacentHTML', 'document.write', 'eval(', 'new Function',
      'createContextualFragment', 'DOMParser', '.style.', "'style'"]) {
      assert.ok(!text.includes(sink), `${file} uses ${sink}`);
    }
  }
});

test('every form control has a label, and ids are unique', () => {
  const ids = tags('[a-z]+').map((t) => attribute(t, 'id')).filter(Boolean);
  assert.deepEqual(ids.filter((id, k) => ids.indexOf(id) !== k), []);
  const labelled = new Set(tags('label').map((t) => attribute(t, 'for')));
  for (const control of [...tags('input'), ...tags('select'), ...tags('textarea')]) {
    assert.ok(labelled.has(attribute(control, 'id')), `no label for ${control}`);
  }
});

test('headings go down one level at a time', () => {
  const levels = [...html.matchAll(/<h([1-6])\b/g)].map((m) => Number(m[1]));
  assert.equal(levels[0], 1);
  levels.forEach((level, k) => assert.ok(k === 0 || level <= levels[k - 1] + 1, `h${level} after h${levels[k - 1]}`));
});

test('the elements an end-to-end test drives have their test ids, each once', () => {
  const inPage = tags('[a-z]+').map((t) => attribute(t, 'data-testid')).filter(Boolean);
  assert.deepEqual(inPage.filter((id, k) => inPage.indexOf(id) !== k), []);
  // The ids of elements the modules make, as the string literals they are given in.
  const made = (id) => modules.some(({ text }) => text.includes(`'${id}'`));
  for (const id of ['sign-in-token', 'sign-in-submit', 'sign-in-error', 'sign-out', 'nav-ledger', 'nav-visitor',
    'ledger-section', 'ledger-status', 'site-select', 'visitor-input', 'visitor-load', 'timeline-svg', 'cursor',
    'at-input', 'as-of-input', 'answer-ask', 'download-bundle', 'verify-bundle', 'bundle-file', 'key-file',
    'verdict', 'checks']) {
    assert.ok(inPage.includes(id), id);
  }
  for (const id of ['answer-table', 'answer-categories', 'events-table', 'timeline-status-table', 'ledger-events',
    'ledger-checkpoint', 'ledger-processors', 'ledger-relay', 'timeline-cursor']) {
    assert.ok(made(id), id);
    assert.ok(!inPage.includes(id), `${id} also in the page`);
  }
});
