// Small DOM helpers. Every piece of data becomes a text node or an attribute value: nothing here ever
// parses a string as HTML, so names, e-mail subjects and model output cannot inject markup.

/** Creates an element: el('td', {class: 'num'}, 'text', otherNode). Attributes starting with "on" are listeners. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      node.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (name === 'class') {
      node.className = value;
    } else if (name === 'text') {
      node.textContent = value;
    } else if (value === true) {
      node.setAttribute(name, '');
    } else {
      node.setAttribute(name, String(value));
    }
  }
  append(node, children);
  return node;
}

/** An SVG element with attributes; text children become text nodes. */
export function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value !== undefined && value !== null) node.setAttribute(name, String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** "total_spent" -> "Total spent", "affectedCount" -> "Affected count". */
export function humanize(key) {
  const words = String(key).replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_\-.]+/g, ' ').trim().toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

// Names of money columns: totals, amounts, prices, costs, revenue, budgets, order values (not counts or rates).
const MONEY = /((^|_)total$|spent|amount|price|cost|revenue|budget|order_value)/i;
// Names of ratio columns, shown as percentages: rates and shares ("rate_per_30_days", "base_share_of_budget").
const RATIO = /(^|_)(rate|share)(_|$)/i;

/** Whether a column holds money (two decimals) rather than a count or a ratio. */
export function isMoney(column) {
  return MONEY.test(column) && !/count|rate|percent|share/i.test(column);
}

/** Whether a column holds a ratio (0.25) that people read as a percentage (25%). */
export function isRatio(column) {
  return RATIO.test(column);
}

/** A value as the person should read it; numbers grouped, money with two decimals, ratios as percentages. */
export function formatValue(value, column = '') {
  if (value === undefined || value === null || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') {
    if (isRatio(column)) return percent(value);
    return isMoney(column) ? money(value) : value.toLocaleString('en-US', {maximumFractionDigits: 4});
  }
  return typeof value === 'string' ? formatDate(value) : String(value);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * An ISO date as people read it, the same in every browser: "2026-03-15" -> "15 Mar 2026", a month
 * "2024-03" -> "Mar 2024", a time "2026-03-15T10:04:00Z" -> "15 Mar 2026, 10:04 UTC"; any other text as it is.
 */
export function formatDate(text) {
  let m = /^(\d{4})-(\d{2})$/.exec(text);
  if (m && +m[2] >= 1 && +m[2] <= 12) return `${MONTHS[m[2] - 1]} ${m[1]}`;
  m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(Z)?)?$/.exec(text);
  if (!m || +m[2] < 1 || +m[2] > 12) return text;
  const date = `${+m[3]} ${MONTHS[m[2] - 1]} ${m[1]}`;
  return m[4] ? `${date}, ${m[4]}:${m[5]}${m[6] ? ' UTC' : ''}` : date;
}

/** 37.3 -> "37.30". */
export function money(value) {
  return typeof value === 'number'
    ? value.toLocaleString('en-US', {minimumFractionDigits: 2, maximumFractionDigits: 2}) : '—';
}

/** 0.3731 -> "37%", 0.0394 -> "3.9%": two significant digits below 10%, none above. */
export function percent(ratio) {
  if (typeof ratio !== 'number' || !Number.isFinite(ratio)) return '—';
  const p = ratio * 100;
  const digits = p !== 0 && Math.abs(p) < 10 ? 1 : 0;
  return p.toLocaleString('en-US', {minimumFractionDigits: 0, maximumFractionDigits: digits}) + '%';
}

/** A count with its noun: plural(1, 'e-mail') -> "1 e-mail", plural(129, 'customer') -> "129 customers". */
export function plural(count, singular, pluralForm = singular + 's') {
  const n = typeof count === 'number' ? count.toLocaleString('en-US') : String(count);
  return `${n} ${count === 1 ? singular : pluralForm}`;
}

/** Whether every present value of a column is a number. */
export function isNumericColumn(rows, column) {
  let seen = false;
  for (const row of rows) {
    const v = row[column];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'number') return false;
    seen = true;
  }
  return seen;
}

/** A short random id for requests. */
export function newId(prefix = 'r') {
  const bytes = new Uint8Array(6);
  crypto.getRandomValues(bytes);
  return prefix + '-' + Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
}
