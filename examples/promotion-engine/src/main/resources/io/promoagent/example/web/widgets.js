// Reusable views: a sortable, paginated table; a bar chart in inline SVG; a readable view of any JSON value,
// with HTML e-mail bodies shown only inside a sandboxed iframe.
import {el, svg, humanize, formatValue, isNumericColumn, isRatio} from './dom.js';

const PAGE_SIZE = 10;

/**
 * A table of rows under columns, sortable by clicking a column heading and paginated ten rows at a time.
 * total, when larger than rows.length, says how many rows matched in all.
 */
export function dataTable({caption, columns, rows, total, label = humanize}) {
  const state = {sortBy: null, descending: false, page: 0};
  const numeric = new Set(columns.filter(c => isNumericColumn(rows, c)));
  const body = el('tbody');
  const headings = columns.map(column => {
    const button = el('button', {type: 'button', class: 'sort', onclick: () => sortBy(column)}, label(column));
    return el('th', {scope: 'col', class: numeric.has(column) ? 'num' : null, 'aria-sort': 'none', 'data-column': column}, button);
  });
  const status = el('span', {class: 'page-status', 'aria-live': 'polite'});
  const previous = el('button', {type: 'button', class: 'ghost', onclick: () => go(-1), 'aria-label': 'Previous page'}, '‹ Prev');
  const next = el('button', {type: 'button', class: 'ghost', onclick: () => go(1), 'aria-label': 'Next page'}, 'Next ›');
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const pager = el('div', {class: 'pager'}, status, pages > 1 ? el('span', {class: 'pager-buttons'}, previous, next) : null);
  const table = el('table', {class: 'data'},
    caption ? el('caption', {class: 'visually-hidden'}, caption) : null,
    el('thead', {}, el('tr', {}, headings)), body);

  function sorted() {
    if (!state.sortBy) return rows;
    const column = state.sortBy;
    const direction = state.descending ? -1 : 1;
    return [...rows].sort((a, b) => {
      const x = a[column], y = b[column];
      if (x === undefined || x === null) return 1;
      if (y === undefined || y === null) return -1;
      if (typeof x === 'number' && typeof y === 'number') return (x - y) * direction;
      return String(x).localeCompare(String(y), undefined, {numeric: true, sensitivity: 'base'}) * direction;
    });
  }

  function render() {
    const all = sorted();
    const from = state.page * PAGE_SIZE;
    const shown = all.slice(from, from + PAGE_SIZE);
    body.replaceChildren(...shown.map(row => el('tr', {}, columns.map(column =>
      el('td', {class: numeric.has(column) ? 'num' : null}, formatValue(row[column], column))))));
    const matched = total > rows.length ? ` (${total.toLocaleString('en-US')} matched)` : '';
    status.textContent = rows.length === 0 ? 'No rows'
      : `Rows ${from + 1}–${from + shown.length} of ${rows.length.toLocaleString('en-US')}${matched}`;
    previous.disabled = state.page === 0;
    next.disabled = state.page >= pages - 1;
    for (const th of headings) {
      const active = th.dataset.column === state.sortBy;
      th.setAttribute('aria-sort', active ? (state.descending ? 'descending' : 'ascending') : 'none');
    }
  }

  function sortBy(column) {
    state.descending = state.sortBy === column ? !state.descending : numeric.has(column);
    state.sortBy = column;
    state.page = 0;
    render();
  }

  function go(step) {
    state.page = Math.min(pages - 1, Math.max(0, state.page + step));
    render();
  }

  render();
  return el('div', {class: 'table-wrap'}, el('div', {class: 'scroll'}, table), pager);
}

const PALETTE = ['#4f46e5', '#0ea5e9', '#f59e0b', '#10b981', '#ef4444', '#8b5cf6'];

/** A horizontal bar chart: one row per category, one bar per series, values written at the bar's end. */
export function barChart({title, x, series, rows, label = humanize}) {
  const shown = rows.slice(0, 30);
  const max = Math.max(0, ...shown.flatMap(r => series.map(s => typeof r[s] === 'number' ? r[s] : 0)));
  const labelWidth = 150, valueWidth = 90, width = 560, barHeight = 16, gap = 10;
  const groupHeight = series.length * barHeight + gap;
  const plot = width - labelWidth - valueWidth;
  const height = shown.length * groupHeight + 8;
  const chart = svg('svg', {viewBox: `0 0 ${width} ${height}`, width: '100%', role: 'img', class: 'chart',
    'aria-label': title});
  shown.forEach((row, i) => {
    const top = i * groupHeight + 4;
    const name = formatValue(row[x], x);
    chart.append(svg('text', {x: labelWidth - 8, y: top + groupHeight / 2 - gap / 2 + 4, 'text-anchor': 'end', class: 'chart-label'},
      name.length > 22 ? name.slice(0, 21) + '…' : name));
    series.forEach((s, j) => {
      const value = typeof row[s] === 'number' ? row[s] : 0;
      const w = max > 0 ? Math.max(1, (value / max) * plot) : 1;
      const y = top + j * barHeight;
      chart.append(svg('rect', {x: labelWidth, y, width: w, height: barHeight - 3, rx: 3, fill: PALETTE[j % PALETTE.length]},
        svg('title', {}, `${name} — ${label(s)}: ${formatValue(row[s], s)}`)));
      chart.append(svg('text', {x: labelWidth + w + 6, y: y + barHeight - 5, class: 'chart-value'}, formatValue(row[s], s)));
    });
  });
  const legend = series.length > 1 ? el('ul', {class: 'legend'}, series.map((s, j) =>
    el('li', {}, el('span', {class: 'swatch', style: `background:${PALETTE[j % PALETTE.length]}`}), label(s)))) : null;
  const more = rows.length > shown.length ? el('p', {class: 'muted'}, `First ${shown.length} of ${rows.length} shown.`) : null;
  return el('figure', {class: 'chart-figure'}, el('figcaption', {}, title), chart, legend, more);
}

/** Whether a table holds grouped results that read well as a chart: one label column, some number columns. */
export function chartableTable(columns, rows) {
  if (rows.length < 2 || rows.length > 30) return null;
  const numbers = columns.filter(c => isNumericColumn(rows, c));
  const labels = columns.filter(c => !numbers.includes(c));
  if (labels.length !== 1 || numbers.length === 0 || numbers.length > 3) return null;
  return {x: labels[0], series: numbers};
}

/**
 * Any JSON value, readably: objects as definition lists, arrays of objects as small tables, arrays of
 * values as lists. An object with an "html" string is an e-mail: its body goes into an iframe's srcdoc with
 * an empty sandbox (no scripts, no same origin), never into this page.
 */
export function jsonView(value, key = '') {
  if (value === null || value === undefined) return el('span', {class: 'muted'}, '—');
  if (Array.isArray(value)) {
    if (value.length === 0) return el('span', {class: 'muted'}, 'none');
    if (value.every(v => v !== null && typeof v === 'object' && !Array.isArray(v))) {
      const columns = [...new Set(value.flatMap(v => Object.keys(v)))];
      if (columns.every(c => value.every(v => v[c] === undefined || v[c] === null || typeof v[c] !== 'object'))) {
        return el('div', {class: 'scroll'}, el('table', {class: 'data compact'},
          el('thead', {}, el('tr', {}, columns.map(c => el('th', {scope: 'col'}, humanize(c))))),
          el('tbody', {}, value.map(v => el('tr', {}, columns.map(c => el('td', {}, formatValue(v[c], c))))))));
      }
      return el('ol', {class: 'json-list'}, value.map(v => el('li', {}, jsonView(v))));
    }
    if (value.every(v => v === null || typeof v !== 'object')) {
      return el('ul', {class: 'json-list'}, value.map(v => el('li', {}, formatValue(v, key))));
    }
    return el('ol', {class: 'json-list'}, value.map(v => el('li', {}, jsonView(v))));
  }
  if (typeof value === 'object') {
    if (typeof value.html === 'string') return emailView(value);
    const entries = Object.entries(value);
    if (entries.length === 0) return el('span', {class: 'muted'}, 'nothing');
    // the low, base and high of a rate are rates too
    return el('dl', {class: 'json'}, entries.flatMap(([k, v]) =>
      [el('dt', {}, humanize(k)), el('dd', {}, jsonView(v, isRatio(key) ? key : k))]));
  }
  return el('span', {}, formatValue(value, key));
}

/** A rendered e-mail: its envelope as text and its HTML body in a sandboxed iframe. */
export function emailView(message) {
  const envelope = el('dl', {class: 'json envelope'});
  for (const k of ['from', 'to', 'subject']) {
    if (message[k] !== undefined) envelope.append(el('dt', {}, humanize(k)), el('dd', {}, String(message[k])));
  }
  const frame = el('iframe', {class: 'email-frame', sandbox: '', referrerpolicy: 'no-referrer',
    title: 'E-mail preview' + (message.subject ? ': ' + message.subject : '')});
  frame.srcdoc = message.html;   // a property, shown only inside the sandbox
  const extra = [];
  if (message.headers && Object.keys(message.headers).length) {
    extra.push(el('details', {}, el('summary', {}, 'Headers'), jsonView(message.headers)));
  }
  if (typeof message.text === 'string') {
    extra.push(el('details', {}, el('summary', {}, 'Plain-text version'), el('pre', {class: 'plain'}, message.text)));
  }
  return el('div', {class: 'email'}, envelope, frame, extra);
}

/**
 * A button that copies a text (a full approval id) to the clipboard and says so; where the clipboard is not
 * available (a page not served from a secure origin) it selects the text instead, for the person to copy.
 */
export function copyButton(text, label, accessibleName) {
  const said = el('span', {class: 'copied', role: 'status'});
  const button = el('button', {type: 'button', class: 'ghost small copy', 'aria-label': accessibleName,
    'data-copy': text, onclick: async () => {
      try {
        await navigator.clipboard.writeText(text);
        said.textContent = 'Copied';
      } catch {
        const shown = el('input', {type: 'text', readonly: true, value: text, class: 'mono copy-field',
          'aria-label': 'Full id, selected for copying'});
        button.replaceWith(shown);
        shown.select();
      }
      setTimeout(() => { said.textContent = ''; }, 2500);
    }}, label);
  return el('span', {class: 'copy-wrap'}, button, said);
}
