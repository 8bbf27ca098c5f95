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
  for (const child of children.flat()) {
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

/** A value as the person should read it; numbers grouped, money-like columns with two decimals. */
export function formatValue(value, column = '') {
  if (value === undefined || value === null || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') {
    const money = MONEY.test(column) && !/count|rate|percent|share/i.test(column);
    return value.toLocaleString('en-US', money
      ? {minimumFractionDigits: 2, maximumFractionDigits: 2}
      : {maximumFractionDigits: 4});
  }
  return String(value);
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
