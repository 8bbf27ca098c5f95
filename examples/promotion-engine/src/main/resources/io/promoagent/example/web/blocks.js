// Renders the typed blocks of a reply (ReplyJson): table, record, metric, chart, approval, preview (a dry run),
// clarification, error, held_read (a read waiting for the person's confirmation).
import {el, humanize, formatValue, plural} from './dom.js';
import {dataTable, barChart, chartableTable, jsonView} from './widgets.js';
import {approvalBlock, previewBlock} from './approval.js';

/**
 * The blocks of one reply as DOM nodes.
 * actions: {user(): {id, roles}, decide(kind, approvalId, reason), rollback(changeSetId), ask(text),
 *           explain(table), confirmRead(handle)}
 */
export function renderBlocks(blocks, actions) {
  return blocks.map(block => {
    switch (block.type) {
      case 'table': return tableBlock(block, actions);
      case 'record': return recordBlock(block);
      case 'metric': return metricBlock(block);
      case 'chart': return chartBlock(block);
      case 'approval': return approvalBlock(block, actions);
      case 'preview': return previewBlock(block, actions);
      case 'clarification': return clarificationBlock(block, actions);
      case 'error': return errorBlock(block);
      case 'held_read': return heldReadBlock(block, actions);
      default: return el('div', {class: 'block'}, el('p', {class: 'muted'}, `(${block.type} block)`), jsonView(block));
    }
  });
}

function tableBlock(block, actions) {
  const title = humanize(block.entity);
  // the data model's labels ("order date", "customer segment"), else a readable form of the column's name
  const label = column => {
    const given = (block.labels || {})[column];
    return given ? given.charAt(0).toUpperCase() + given.slice(1) : humanize(column);
  };
  if (block.rows.length <= SIDE_BY_SIDE && block.columns.length > SIDE_BY_SIDE * 2) return sideBySide(block, title, label);
  const chart = chartableTable(block.columns, block.rows);
  return el('section', {class: 'block table-block', 'aria-label': `${title} table`},
    el('header', {class: 'block-head'}, el('h3', {}, title),
      el('span', {class: 'count'}, plural(block.total, 'row')),
      // a table carries the typed query it answers, or the reads a tool computed it from: the server explains
      // how they read, reading nothing
      block.query || (block.reads || []).length ? el('button', {type: 'button', class: 'chip small explain',
        'aria-label': `Explain how the ${title.toLowerCase()} table is read`, onclick: () => actions.explain(block)}, 'Explain') : null),
    chart ? barChart({title: `${chart.series.map(label).join(', ')} by ${label(chart.x).toLowerCase()}`, x: chart.x,
      series: chart.series, rows: block.rows, label}) : null,
    dataTable({caption: title, columns: block.columns, rows: block.rows, total: block.total, label}));
}

/** Tables of at most this many rows and more than twice as many columns are shown on their side. */
const SIDE_BY_SIDE = 3;

/**
 * A few rows of many columns (a what-if's alternatives) on their side, as the terminal prints them: one row per
 * column, named by its label, with each alternative's value across.
 */
function sideBySide(block, title, label) {
  const [first, ...rest] = block.columns;
  const names = block.rows.map((r, i) => `alt${i}`);
  const headings = Object.fromEntries(block.rows.map((r, i) => [names[i], String(r[first] ?? `#${i + 1}`)]));
  const rows = rest.map(c => Object.fromEntries([['figure', label(c)], ...block.rows.map((r, i) => [names[i], r[c]])]));
  return el('section', {class: 'block table-block side-by-side', 'aria-label': `${title} side by side`},
    el('header', {class: 'block-head'}, el('h3', {}, title),
      el('span', {class: 'count'}, plural(block.rows.length, 'alternative'))),
    dataTable({caption: `${title}, side by side`, columns: ['figure', ...names], rows, total: rows.length,
      label: c => c === 'figure' ? 'Figure' : headings[c]}));
}

function recordBlock(block) {
  return el('section', {class: 'block record-card', 'aria-label': `${humanize(block.entity)} record`},
    el('header', {class: 'block-head'}, el('h3', {}, humanize(block.entity))),
    el('dl', {class: 'fields'}, Object.entries(block.values).flatMap(([k, v]) =>
      [el('dt', {}, humanize(k)), el('dd', {}, formatValue(v, k))])));
}

function metricBlock(block) {
  return el('section', {class: 'block metric', 'aria-label': block.label},
    el('div', {class: 'metric-value'}, block.value === null || block.value === undefined ? '—' : formatValue(block.value, block.label)),
    el('div', {class: 'metric-label'}, block.label));
}

function chartBlock(block) {
  return el('section', {class: 'block'}, barChart(block));
}

function clarificationBlock(block, actions) {
  return el('section', {class: 'block clarification', role: 'group', 'aria-label': 'Question from the agent'},
    el('p', {}, block.message),
    block.options.length ? el('div', {class: 'chips'}, block.options.map(option =>
      el('button', {type: 'button', class: 'chip', onclick: () => actions.ask(option)}, option))) : null);
}

function heldReadBlock(block, actions) {
  const until = new Date(block.expiresAt);
  const button = el('button', {type: 'button', class: 'approve small', onclick: () => {
    button.disabled = true;
    actions.confirmRead(block.handle);
  }}, 'Confirm and read');
  return el('section', {class: 'block held-read', role: 'group', 'aria-label': 'Read waiting for your confirmation'},
    el('p', {}, el('strong', {}, 'Not read yet: '), block.reason, '.'),
    el('pre', {class: 'estimate'}, block.estimate),
    el('div', {class: 'approval-actions'}, button,
      el('span', {class: 'muted'}, ` until ${until.toLocaleTimeString('en-GB', {hour: '2-digit', minute: '2-digit'})}`)));
}

function errorBlock(block) {
  return el('section', {class: 'block error', role: 'alert'},
    el('p', {}, el('strong', {}, humanize(block.code)), ': ', block.message),
    block.suggestions.length ? el('p', {class: 'muted'}, 'Did you mean: ', block.suggestions.join(', '), '?') : null);
}
