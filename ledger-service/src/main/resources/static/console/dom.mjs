// Builds DOM from values as text only: everything the console shows comes from the API or from a file it was given,
// so nothing is ever parsed as HTML.

const SVG_NS = 'http://www.w3.org/2000/svg';

function build(el, attrs, children) {
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') el.addEventListener(name.slice(2), value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, ...children);
  return el;
}

// Appends nodes, and strings (or numbers, BigInts) as text nodes; null, undefined and false are skipped.
export function append(el, ...children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export const h = (tag, attrs, ...children) => build(document.createElement(tag), attrs, children);

export const s = (tag, attrs, ...children) => build(document.createElementNS(SVG_NS, tag), attrs, children);

export const byId = (id) => document.getElementById(id);

export function replace(el, ...children) {
  el.replaceChildren();
  return append(el, ...children);
}

// A long value shown by its first and last characters, whole in its title.
export function abbreviated(value, head = 8, tail = 4) {
  const text = value === null || value === undefined ? '' : String(value);
  const short = text.length > head + tail + 1 ? `${text.slice(0, head)}…${text.slice(-tail)}` : text;
  return h('code', { class: 'abbr', title: text }, short);
}

// A button that copies a value, where the browser lets pages write to the clipboard (https or localhost).
export function copyButton(value, what) {
  if (!navigator.clipboard) return null;
  const button = h('button', { type: 'button', class: 'copy', 'aria-label': `Copy ${what}` }, 'Copy');
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(String(value));
      button.textContent = 'Copied';
    } catch {
      button.textContent = 'Not copied';
    }
    setTimeout(() => { button.textContent = 'Copy'; }, 1500);
  });
  return button;
}

// A table with a caption, header cells and rows of cells (nodes or text).
export function table(caption, headers, rows, attrs = {}) {
  return h('table', attrs,
    h('caption', null, caption),
    h('thead', null, h('tr', null, headers.map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', null, rows.map((row) => (row instanceof Node ? row : h('tr', null, row.map((c) => h('td', null, c)))))));
}
