// Draws a statusTimeline() as an inline SVG: one row per category, a patterned and labelled bar per status (so the
// picture does not rest on colour alone), the events as marks, and a cursor at the instant being asked about.
import { h, s, replace } from './dom.mjs';
import { fractionOf } from './timeline.mjs';

export const STATUSES = {
  GRANTED: { label: 'granted', words: 'granted: the visitor allowed the category' },
  DENIED: { label: 'denied', words: 'denied: the visitor refused it' },
  WITHDRAWN: { label: 'withdrawn', words: 'withdrawn: the visitor took a consent back' },
  EXPIRED: { label: 'expired', words: 'expired: the grant is older than the consentMaxAge of its policy version' },
  NOT_ASKED: { label: 'not asked', words: 'not asked: no decision speaks to the category' },
  GPC: { label: 'GPC', words: 'GPC: the browser\'s Global Privacy Control signal denied it' },
  EXEMPT: { label: 'exempt', words: 'exempt: the category needs no consent' },
};

export const MARKS = {
  consent: 'consent given',
  withdrawal: 'consent withdrawn',
  policy: 'policy version takes effect',
  other: 'other event',
};

export const statusLabel = (status) => STATUSES[status]?.label ?? String(status).toLowerCase();

const WIDTH = 960;
const LEFT = 150;
const RIGHT = WIDTH - 24;
const MARK_ROW = 34;
const ROW = 30;
const GAP = 8;

// The fill of each status: a light tint and, but for granted, a pattern of darker lines or dots.
function patterns() {
  const lines = (id, tint, ink, angle, both = false) => s('pattern', { id, width: 8, height: 8,
    patternUnits: 'userSpaceOnUse', patternTransform: `rotate(${angle})` },
  s('rect', { width: 8, height: 8, fill: tint }),
  s('line', { x1: 0, y1: 0, x2: 0, y2: 8, stroke: ink, 'stroke-width': 2 }),
  both ? s('line', { x1: 0, y1: 4, x2: 8, y2: 4, stroke: ink, 'stroke-width': 1.5 }) : null);
  return s('defs', null,
    s('pattern', { id: 'tl-GRANTED', width: 8, height: 8, patternUnits: 'userSpaceOnUse' },
      s('rect', { width: 8, height: 8, fill: '#b9e4c4' })),
    lines('tl-DENIED', '#f8d7d7', '#a12a2a', 45),
    lines('tl-WITHDRAWN', '#fde3c8', '#8a4b08', 45, true),
    s('pattern', { id: 'tl-EXPIRED', width: 8, height: 8, patternUnits: 'userSpaceOnUse' },
      s('rect', { width: 8, height: 8, fill: '#e4e4e4' }), s('circle', { cx: 4, cy: 4, r: 1.6, fill: '#4a4a4a' })),
    s('pattern', { id: 'tl-NOT_ASKED', width: 8, height: 8, patternUnits: 'userSpaceOnUse' },
      s('rect', { width: 8, height: 8, fill: '#ffffff' })),
    lines('tl-GPC', '#e6def5', '#5b3a9a', 90),
    lines('tl-EXEMPT', '#dbe8f6', '#2b5d8c', 0));
}

function markShape(kind, x, y) {
  const ink = { consent: '#1b5e20', withdrawal: '#8a4b08', policy: '#1f3a93', other: '#444444' }[kind];
  if (kind === 'consent') return s('circle', { cx: x, cy: y, r: 6, fill: ink });
  if (kind === 'withdrawal') {
    return s('polygon', { points: `${x},${y - 7} ${x + 7},${y} ${x},${y + 7} ${x - 7},${y}`, fill: ink });
  }
  if (kind === 'policy') return s('rect', { x: x - 5, y: y - 5, width: 10, height: 10, fill: ink });
  return s('polygon', { points: `${x},${y - 6} ${x + 6},${y + 5} ${x - 6},${y + 5}`, fill: ink });
}

// Axis labels: the time of day for a short span, the date for a long one.
function tickText(instant, span) {
  const day = 86_400_000_000_000n;
  return span < 2n * day ? instant.slice(11, 19) : instant.slice(0, 10);
}

// One category's row: consecutive segments in which its status and deciding event stay the same, as one stretch.
function stretches(timeline, id) {
  const out = [];
  for (const segment of timeline.segments) {
    const status = segment.statuses.get(id);
    const last = out[out.length - 1];
    if (status && last && last.to === segment.from && last.status.status === status.status
        && last.status.decidedBy === status.decidedBy) {
      last.to = segment.to;
    } else if (status) {
      out.push({ from: segment.from, to: segment.to, status });
    }
  }
  return out;
}

/**
 * Fills svg with the picture of timeline; returns a function that moves the cursor to an instant (BigInt ns).
 * formatInstant: the verifier's, to write instants as the ledger does.
 */
export function drawTimeline(svg, timeline, formatInstant) {
  const rows = timeline.categories.length;
  const axisY = MARK_ROW + 12 + rows * (ROW + GAP);
  const height = axisY + 40;
  const x = (t) => Math.round((LEFT + fractionOf(timeline, t) * (RIGHT - LEFT)) * 100) / 100;
  const rowY = (k) => MARK_ROW + 12 + k * (ROW + GAP);
  svg.setAttribute('viewBox', `0 0 ${WIDTH} ${height}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-labelledby', 'tl-title tl-desc');
  const from = formatInstant(timeline.start);
  const to = formatInstant(timeline.end);
  const changes = timeline.segments.length;
  replace(svg,
    s('title', { id: 'tl-title' }, `Consent of visitor ${timeline.visitorId} on ${timeline.siteId} over time`),
    s('desc', { id: 'tl-desc' }, `One row per cookie category, from ${from} to ${to} (UTC), as the ledger knew it at `
      + `${formatInstant(timeline.asOf)}: ${changes} stretch${changes === 1 ? '' : 'es'} of unchanged statuses, `
      + `${timeline.marks.length} events as marks. The table below the picture gives the same statuses.`),
    patterns());

  const guides = s('g', { class: 'guides' });
  const marks = s('g', { class: 'marks' });
  svg.append(s('text', { x: LEFT - 10, y: MARK_ROW / 2 + 4, 'text-anchor': 'end', class: 'row-label' }, 'events'),
    guides);
  const visible = timeline.marks.filter((m) => m.at >= timeline.start && m.at <= timeline.end);
  for (const m of visible) {
    const mx = x(m.at);
    guides.append(s('line', { x1: mx, y1: MARK_ROW / 2, x2: mx, y2: axisY, class: 'guide' }));
    marks.append(s('g', { class: `mark mark-${m.kind}`, 'data-event-id': m.eventId },
      s('title', null, `${m.type} · ${m.eventId} · ${m.kind === 'policy' ? 'effective' : 'at'} `
        + formatInstant(m.at)),
      markShape(m.kind, mx, MARK_ROW / 2)));
  }

  timeline.categories.forEach((id, k) => {
    const y = rowY(k);
    const row = s('g', { class: 'category', 'data-category': id },
      s('text', { x: LEFT - 10, y: y + ROW / 2 + 4, 'text-anchor': 'end', class: 'row-label' }, id));
    for (const stretch of stretches(timeline, id)) {
      const { status } = stretch;
      const x1 = x(stretch.from);
      const width = Math.max(1, x(stretch.to) - x1);
      const label = statusLabel(status.status);
      const rect = s('rect', { x: x1, y, width, height: ROW, fill: `url(#tl-${status.status})`, class: 'bar',
        'stroke-dasharray': status.status === 'NOT_ASKED' ? '4 3' : null, 'data-status': status.status });
      rect.append(s('title', null, `${id}: ${label} from ${formatInstant(stretch.from)}`
        + `${status.decidedBy ? `, decided by ${status.decidedBy}` : ''}`));
      row.append(rect);
      if (width >= label.length * 7 + 10) {
        row.append(s('text', { x: x1 + width / 2, y: y + ROW / 2 + 4, 'text-anchor': 'middle', class: 'bar-label' },
          label));
      }
    }
    svg.append(row);
  });
  svg.append(marks);

  const span = timeline.end - timeline.start;
  const axis = s('g', { class: 'axis' }, s('line', { x1: LEFT, y1: axisY, x2: RIGHT, y2: axisY }));
  const ticks = 4;
  for (let k = 0; k <= ticks; k++) {
    const t = timeline.start + (span * BigInt(k)) / BigInt(ticks);
    const tx = LEFT + (k / ticks) * (RIGHT - LEFT);
    axis.append(s('line', { x1: tx, y1: axisY, x2: tx, y2: axisY + 6 }),
      s('text', { x: tx, y: axisY + 20, 'text-anchor': k === 0 ? 'start' : k === ticks ? 'end' : 'middle' },
        tickText(formatInstant(t), span)));
  }
  axis.append(s('text', { x: LEFT - 10, y: axisY + 20, 'text-anchor': 'end', class: 'row-label' }, 'UTC'));
  svg.append(axis);

  const cursor = s('g', { class: 'cursor', 'data-testid': 'timeline-cursor' },
    s('line', { x1: 0, y1: 4, x2: 0, y2: axisY }), s('polygon', { points: '-6,0 6,0 0,8' }));
  svg.append(cursor);
  return (t) => {
    cursor.setAttribute('transform', `translate(${x(t)} 0)`);
  };
}

// The legend: each status and mark shape with its words, drawn with the same patterns as the picture.
export function legend() {
  const swatch = (status) => h('span', { class: 'swatch' }, s('svg', { viewBox: '0 0 28 16', width: 28, height: 16,
    'aria-hidden': 'true', focusable: 'false' }, s('rect', { x: 0.5, y: 0.5, width: 27, height: 15,
    fill: `url(#tl-${status})`, class: 'bar', 'stroke-dasharray': status === 'NOT_ASKED' ? '4 3' : null })));
  const shape = (kind) => h('span', { class: 'swatch' }, s('svg', { viewBox: '0 0 16 16', width: 16, height: 16,
    'aria-hidden': 'true', focusable: 'false' }, markShape(kind, 8, 8)));
  return h('ul', { class: 'legend', 'aria-label': 'Legend' },
    Object.entries(STATUSES).map(([status, { words }]) => h('li', null, swatch(status), words)),
    Object.entries(MARKS).map(([kind, words]) => h('li', null, shape(kind), words)));
}
