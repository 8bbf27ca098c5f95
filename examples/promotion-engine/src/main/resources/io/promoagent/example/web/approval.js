// The approval card. It leads with what decides: one line saying what happens, the numbers an approver
// weighs (audience, reachable customers, expected redemptions and cost as ranges, recipients), what to check
// (stacking, budget, conflicts) and the Approve / Reject buttons, so that the decision fits on a laptop
// screen; everything else (the promotion's fields, how the estimate was made, the sample e-mail, the
// arguments) opens on demand.
import {el, humanize, formatValue, money, percent, plural} from './dom.js';
import {jsonView, emailView, copyButton} from './widgets.js';

/** Approval cards on the page by approval id, so that a decision or a user switch updates every copy. */
const approvalCards = new Map();

/** The first clause of a change set's summary: what happens, without the numbers the card shows as facts. */
export function headline(summary) {
  const cut = summary.indexOf('; ');
  return cut > 0 ? summary.slice(0, cut) : summary;
}

/** The numbers an approver weighs, read from the preview of the tools the example ships, else the count. */
export function keyFacts(block) {
  const preview = block.preview || {};
  const facts = [];
  const impact = preview.impact && typeof preview.impact === 'object' ? preview.impact : null;
  if (impact && impact.audience) {
    const a = impact.audience;
    facts.push({label: 'Audience', value: plural(a.size, 'customer'), detail: a.description});
    if (typeof a.reachable === 'number') {
      facts.push({label: 'Reachable', value: plural(a.reachable, 'customer'),
        detail: a.size ? `${percent(a.reachable / a.size)} of the audience can be e-mailed` : null});
    }
  }
  if (impact && impact.redemptions) {
    const r = impact.redemptions;
    facts.push({label: 'Expected redemptions', value: r.base.toLocaleString('en-US'),
      detail: `${range(r.low, r.high, v => v.toLocaleString('en-US'))} in ${plural(r.window_days, 'day')}`});
  }
  if (impact && impact.cost) {
    const c = impact.cost;
    facts.push({label: 'Expected cost', value: money(c.base),
      detail: `${range(c.low, c.high, money)}` + (typeof c.budget === 'number'
        ? ` · ${percent(c.base_share_of_budget)} of the ${money(c.budget)} budget` : '')});
  }
  facts.push(...predictionFacts(preview.prediction));
  if (typeof preview.recipients === 'number') {
    facts.push({label: 'Recipients', value: preview.recipients.toLocaleString('en-US'),
      detail: preview.skippedTotal ? `${plural(preview.skippedTotal, 'customer')} left out` : 'nobody left out'});
  }
  // any other count a tool puts at the top of its preview decides too
  for (const [key, value] of Object.entries(preview)) {
    if (typeof value === 'number' && !COUNTED.has(key)) facts.push({label: humanize(key), value: value.toLocaleString('en-US')});
  }
  if (preview.sample && typeof preview.sample === 'object' && preview.sample.subject) {
    facts.push({label: 'Subject', value: String(preview.sample.subject), wide: true,
      detail: typeof preview.promotion === 'string' ? `about ${preview.promotion}` : null});
  }
  if (typeof preview.from === 'string' && typeof preview.to === 'string') {
    facts.push({label: 'Status', value: `${humanize(preview.from)} → ${humanize(preview.to)}`,
      detail: typeof preview.effect === 'string' ? preview.effect : null, wide: true});
  }
  if (facts.length === 0) {
    facts.push({label: 'Affected', value: plural(block.affectedCount, 'record')});
  }
  return facts;
}

/**
 * A model's prediction (preview.prediction: figures as {low, base, high} of the interval it names) as facts a
 * person reads, "12 to 30" with "80 % interval, most likely 19", and each figure it could not predict, with why.
 */
export function predictionFacts(prediction) {
  if (!prediction || typeof prediction !== 'object') return [];
  const interval = `${String(prediction.interval || '80%').replace('%', ' %')} interval`;
  const count = v => (Math.round(v) + 0).toLocaleString('en-US'); // never "-0"
  const ratio = v => v.toLocaleString('en-US', {minimumFractionDigits: 1, maximumFractionDigits: 1});
  const figures = [
    ['redemptions', 'Predicted redemptions', count],
    ['incremental_orders', 'Incremental orders, caused by the offer', count],
    ['incremental_revenue', 'Incremental revenue', money],
    ['discount_cost', 'Discount cost', money],
    ['return_on_discount', 'Return per unit of discount', ratio]];
  const facts = [];
  for (const [key, label, format] of figures) {
    const r = prediction[key];
    if (r && typeof r.base === 'number') {
      facts.push({label, value: `${format(r.low)} to ${format(r.high)}`, detail: `${interval}, most likely ${format(r.base)}`});
    }
  }
  for (const note of Array.isArray(prediction.notes) ? prediction.notes : []) {
    facts.push({label: 'Not predicted', value: String(note), wide: true});
  }
  return facts;
}

/** Top-level preview numbers the facts above already show. */
const COUNTED = new Set(['recipients', 'skippedTotal', 'alreadyReceived']);

function range(low, high, format) {
  if (typeof low !== 'number' || typeof high !== 'number') return '';
  return low === high ? `at most ${format(high)}` : `${format(low)} to ${format(high)}`;
}

/** What an approver should check: the tool's warnings, a budget the high estimate overruns, customers left out. */
export function warningsOf(preview) {
  const warnings = Array.isArray(preview.warnings)
    ? preview.warnings.map(w => typeof w === 'string' ? w : JSON.stringify(w)) : [];
  const cost = preview.impact && preview.impact.cost;
  if (cost && cost.high_within_budget === false) {
    warnings.push(`Over budget: the high estimate ${money(cost.high)} is more than the budget of ${money(cost.budget)}.`);
  }
  if (preview.skipped && typeof preview.skipped === 'object') {
    const reasons = Object.entries(preview.skipped).filter(([, n]) => n > 0)
      .map(([reason, n]) => `${n} ${humanize(reason).toLowerCase()}`);
    if (reasons.length) warnings.push(`Left out: ${reasons.join(', ')}.`);
  }
  // send_email leaves out who already received an e-mail about the promotion unless proposed with resend
  if (typeof preview.alreadyReceived === 'number' && preview.alreadyReceived > 0) {
    warnings.push(`${preview.alreadyReceived.toLocaleString('en-US')} already received it`
      + `${typeof preview.promotion === 'string' ? ` (an e-mail about ${preview.promotion})` : ''} and ${preview.alreadyReceived === 1 ? 'is' : 'are'} left out:`
      + ' to include them, propose the send again with resend.');
  }
  return warnings;
}

function warningItem(text) {
  // "VIP25: does not stack ..." reads faster with the promotion's code set apart
  const m = /^([A-Z0-9][A-Z0-9_-]{1,30}): (.*)$/s.exec(text);
  return m ? el('li', {}, el('strong', {}, m[1]), ' ', m[2]) : el('li', {}, text);
}

function factList(facts) {
  return el('dl', {class: 'facts'}, facts.map(f => el('div', {class: 'fact' + (f.wide ? ' wide' : '')},
    el('dt', {class: 'fact-label'}, f.label),
    el('dd', {class: 'fact-value'}, f.value),
    f.detail ? el('dd', {class: 'fact-detail'}, f.detail) : null)));
}

function section(title, ...content) {
  return el('details', {class: 'more'}, el('summary', {}, title), el('div', {class: 'more-body'}, content));
}

/** How the estimate was made, in sentences and one table, not as the raw estimate. */
function estimateView(impact) {
  const parts = [];
  const r = impact.redemptions;
  if (r) {
    const rate = r.rate_per_customer_per_30_days;
    parts.push(el('p', {}, `Expected redemptions ${r.base} (${r.low} to ${r.high}) over ${plural(r.window_days, 'day')}`
      + (typeof r.cap === 'number' ? `, at most ${r.cap}` : '') + '.'
      + (rate ? ` Past promotions were redeemed by ${percent(rate.low)} to ${percent(rate.high)} of their audience`
        + ` per 30 days (median ${percent(rate.base)}), based on ${r.basis}.` : '')));
    if (Array.isArray(r.comparables) && r.comparables.length) {
      // "rule:new_customer" reads as "new customer"
      const readable = r.comparables.map(c => typeof c.audience === 'string'
        ? {...c, audience: c.audience.replace(/^rule:(.*)$/, (_, rule) => humanize(rule).toLowerCase())} : c);
      parts.push(el('h4', {}, 'Comparable promotions'), jsonView(readable));
    }
    if (r.method) parts.push(el('p', {class: 'muted small'}, r.method));
  }
  const c = impact.cost;
  if (c) {
    parts.push(el('p', {}, `Cost per redemption ${money(c.discount_per_redemption)}, from an average order of `
      + `${money(c.average_order_value)} (${c.average_order_basis}). Expected cost ${money(c.base)} (${money(c.low)} to `
      + `${money(c.high)}) against a budget of ${money(c.budget)}` + (c.budget_source ? ` (${c.budget_source})` : '')
      + `: ${percent(c.base_share_of_budget)} of it expected, ${percent(c.high_share_of_budget)} at most.`));
  }
  return parts;
}

/** The on-demand parts of a card, one disclosure each. */
function details(block) {
  const preview = block.preview || {};
  const parts = [];
  const shown = new Set(['warnings', 'recipients', 'skippedTotal', 'skipped', 'from', 'to', 'effect', 'alreadyReceived']);
  if (preview.promotion && typeof preview.promotion === 'object') {
    parts.push(section('Promotion details', jsonView(preview.promotion, 'promotion')));
    shown.add('promotion');
  } else if (typeof preview.promotion === 'string') {
    shown.add('promotion');
  }
  if (preview.impact && typeof preview.impact === 'object') {
    parts.push(section('How the estimate was made', estimateView(preview.impact)));
    if (Array.isArray(preview.impact.conflicts) && preview.impact.conflicts.length) {
      parts.push(section(`Overlapping promotions (${preview.impact.conflicts.length})`, jsonView(preview.impact.conflicts)));
    }
    shown.add('impact');
  }
  if (preview.sample && typeof preview.sample === 'object') {
    parts.push(section('Sample e-mail', emailView(preview.sample)));
    shown.add('sample');
  }
  if (Array.isArray(preview.defaults) && preview.defaults.length) {
    parts.push(section('What the agent filled in', jsonView(preview.defaults)));
    shown.add('defaults');
  }
  const rest = Object.entries(preview).filter(([k, v]) => !shown.has(k) && !(Array.isArray(v) && v.length === 0));
  if (rest.length) {
    parts.push(section('Full preview', jsonView(Object.fromEntries(rest))));
  }
  parts.push(section('Request and ids',
    el('p', {}, block.summary),
    el('dl', {class: 'json'},
      el('dt', {}, 'Tool'), el('dd', {class: 'mono'}, block.tool),
      el('dt', {}, 'Affected'), el('dd', {}, plural(block.affectedCount, 'record')),
      el('dt', {}, 'Change set'), el('dd', {class: 'mono'}, block.changeSetId)),
    // a card opened from a link (GET /api/approvals/{id}) has no arguments
    block.arguments ? el('h4', {}, 'Arguments') : null, block.arguments ? jsonView(block.arguments) : null));
  return parts;
}

/** An approval card with live status and the buttons the signed-in user may use. */
export function approvalBlock(block, actions) {
  const status = el('span', {class: 'badge status'});
  const controls = el('div', {class: 'approval-actions'});
  const preview = block.preview || {};
  const title = headline(block.summary);
  const warnings = warningsOf(preview);
  const card = el('section', {class: 'block approval', 'data-approval-id': block.approvalId,
      'aria-label': `Approval request: ${title}`},
    el('header', {class: 'block-head'},
      el('span', {class: `badge effect ${block.effect}`}, block.effect === 'send' ? 'Send' : 'Write'),
      el('h3', {}, title), status),
    factList(keyFacts(block)),
    warnings.length ? el('div', {class: 'warning', role: 'note'}, el('strong', {}, 'Check before approving'),
      el('ul', {}, warnings.map(warningItem))) : null,
    controls,
    el('div', {class: 'more-list'}, details(block)),
    el('p', {class: 'approval-id muted small'}, 'Approval ', el('code', {title: block.approvalId}, block.approvalId.slice(0, 8)),
      ' ', copyButton(block.approvalId, 'Copy full id', `Copy full id of approval ${block.approvalId.slice(0, 8)}`)));
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

/**
 * A dry run's card: what the write would do, with the same facts, warnings and details as its approval card,
 * but nothing to decide, since nothing was proposed.
 */
export function previewBlock(block, actions) {
  const preview = block.preview || {};
  const what = block.summary.replace(/^dry run, nothing proposed: /, '');
  const title = headline(what.charAt(0).toUpperCase() + what.slice(1));
  const warnings = warningsOf(preview);
  return el('section', {class: 'block approval preview', 'aria-label': `Prediction: ${title}`},
    el('header', {class: 'block-head'},
      el('span', {class: 'badge effect read'}, 'Prediction'), el('h3', {}, title),
      el('span', {class: 'badge status'}, 'Not proposed')),
    factList(keyFacts(block)),
    warnings.length ? el('div', {class: 'warning', role: 'note'}, el('strong', {}, 'Worth knowing'),
      el('ul', {}, warnings.map(warningItem))) : null,
    el('div', {class: 'approval-actions'},
      el('p', {class: 'muted'}, 'Nothing was proposed or created. '),
      actions && actions.ask ? el('button', {type: 'button', class: 'chip', onclick: () => actions.ask('create it')},
        'Create it (propose for approval)') : null),
    el('div', {class: 'more-list'}, details({...block, affectedCount: 0, changeSetId: '(none: a dry run)'})));
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
