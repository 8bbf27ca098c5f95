// Renders the typed blocks of a reply (ReplyJson): table, record, metric, chart, approval, clarification, error.
import {el, humanize, formatValue} from './dom.js';
import {dataTable, barChart, chartableTable, jsonView, emailView} from './widgets.js';

/** Approval cards on the page by approval id, so that a decision or a user switch updates every copy. */
const approvalCards = new Map();

/**
 * The blocks of one reply as DOM nodes.
 * actions: {user(): {id, roles}, decide(kind, approvalId, reason), rollback(changeSetId), ask(text)}
 */
export function renderBlocks(blocks, actions) {
  return blocks.map(block => {
    switch (block.type) {
      case 'table': return tableBlock(block);
      case 'record': return recordBlock(block);
      case 'metric': return metricBlock(block);
      case 'chart': return chartBlock(block);
      case 'approval': return approvalBlock(block, actions);
      case 'clarification': return clarificationBlock(block, actions);
      case 'error': return errorBlock(block);
      default: return el('div', {class: 'block'}, el('p', {class: 'muted'}, `(${block.type} block)`), jsonView(block));
    }
  });
}

function tableBlock(block) {
  const title = humanize(block.entity);
  const chart = chartableTable(block.columns, block.rows);
  return el('section', {class: 'block table-block', 'aria-label': `${title} table`},
    el('header', {class: 'block-head'}, el('h3', {}, title),
      el('span', {class: 'count'}, `${block.total.toLocaleString('en-US')} ${block.total === 1 ? 'row' : 'rows'}`)),
    chart ? barChart({title: `${chart.series.map(humanize).join(', ')} by ${humanize(chart.x)}`, x: chart.x,
      series: chart.series, rows: block.rows}) : null,
    dataTable({caption: title, columns: block.columns, rows: block.rows, total: block.total}));
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

function errorBlock(block) {
  return el('section', {class: 'block error', role: 'alert'},
    el('p', {}, el('strong', {}, humanize(block.code)), ': ', block.message),
    block.suggestions.length ? el('p', {class: 'muted'}, 'Did you mean: ', block.suggestions.join(', '), '?') : null);
}

function approvalBlock(block, actions) {
  const status = el('span', {class: 'badge status'});
  const controls = el('div', {class: 'approval-actions'});
  const preview = block.preview || {};
  const sections = [];
  if (Array.isArray(preview.warnings) && preview.warnings.length) {
    sections.push(el('div', {class: 'warning', role: 'note'}, el('strong', {}, 'Warnings'),
      el('ul', {}, preview.warnings.map(w => el('li', {}, typeof w === 'string' ? w : JSON.stringify(w))))));
  }
  for (const [key, value] of Object.entries(preview)) {
    if (key === 'warnings' || key === 'sample') continue;
    if (Array.isArray(value) && value.length === 0) continue;
    sections.push(el('section', {class: 'preview-part'}, el('h4', {}, humanize(key)), jsonView(value, key)));
  }
  if (preview.sample && typeof preview.sample === 'object') {
    sections.push(el('section', {class: 'preview-part'}, el('h4', {}, 'Sample e-mail'), emailView(preview.sample)));
  }
  const card = el('section', {class: 'block approval', 'data-approval-id': block.approvalId,
      'aria-label': `Approval request: ${block.summary}`},
    el('header', {class: 'block-head'},
      el('span', {class: `badge effect ${block.effect}`}, block.effect === 'send' ? 'Send' : 'Write'),
      el('h3', {}, block.summary), status),
    el('div', {class: 'facts'},
      el('div', {class: 'fact'}, el('span', {class: 'fact-value'}, block.affectedCount.toLocaleString('en-US')),
        el('span', {class: 'fact-label'}, block.affectedCount === 1 ? 'record affected' : 'records affected')),
      el('div', {class: 'fact'}, el('span', {class: 'fact-value mono'}, block.tool), el('span', {class: 'fact-label'}, 'tool')),
      el('div', {class: 'fact'}, el('span', {class: 'fact-value mono small'}, block.approvalId.slice(0, 8)),
        el('span', {class: 'fact-label'}, 'approval'))),
    sections,
    el('details', {class: 'arguments'}, el('summary', {}, 'Arguments'), jsonView(block.arguments)),
    controls);
  const entry = {status: block.status, changeSetId: block.changeSetId, render: () => renderApproval()};
  const copies = approvalCards.get(block.approvalId) || [];
  copies.push(entry);
  approvalCards.set(block.approvalId, copies);

  function renderApproval() {
    status.textContent = humanize(entry.status);
    status.className = `badge status ${entry.status}`;
    const user = actions.user();
    const roles = user ? user.roles : [];
    controls.replaceChildren();
    if (entry.status === 'pending' && (roles.includes('approver') || roles.includes('admin'))) {
      const reasonId = 'reason-' + block.approvalId + '-' + Math.random().toString(36).slice(2, 7);
      const reason = el('input', {id: reasonId, type: 'text', class: 'reason', placeholder: 'Reason (required to reject)'});
      controls.append(
        el('label', {for: reasonId, class: 'visually-hidden'}, 'Reason for the decision'), reason,
        el('button', {type: 'button', class: 'approve', onclick: () => actions.decide('approve', block.approvalId, reason.value)},
          'Approve'),
        el('button', {type: 'button', class: 'reject', onclick: () => {
          if (!reason.value.trim()) { reason.focus(); reason.setAttribute('aria-invalid', 'true'); return; }
          actions.decide('reject', block.approvalId, reason.value);
        }}, 'Reject'));
    } else if (entry.status === 'pending') {
      controls.append(el('p', {class: 'muted'}, 'Waiting for a person with the approver role. Switch user to approve.'));
    } else if (entry.status === 'applied' && block.effect === 'write' && roles.some(r => r !== 'analyst')) {
      controls.append(el('button', {type: 'button', class: 'rollback', onclick: () => actions.rollback(block.changeSetId)},
        'Roll back'));
    }
  }
  renderApproval();
  return card;
}

/** Sets the status of an approval everywhere it is shown. */
export function updateApproval(approvalId, status) {
  for (const entry of approvalCards.get(approvalId) || []) {
    if (entry.status !== status) {
      entry.status = status;
      entry.render();
    }
  }
}

/** Re-renders the buttons of every approval card, after the signed-in user changed. */
export function refreshApprovalActions() {
  for (const copies of approvalCards.values()) copies.forEach(entry => entry.render());
}
