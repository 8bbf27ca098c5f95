// The page: one WebSocket to /agent (see docs/websocket-protocol.md), the chat, the user switcher and the
// side views of approvals, the audit chain and the demo outbox.
import {el, humanize, newId, plural} from './dom.js';
import {renderBlocks} from './blocks.js';
import {approvalBlock, updateApproval, refreshApprovalActions, headline} from './approval.js';
import {emailView, copyButton} from './widgets.js';

const $ = id => document.getElementById(id);
const transcript = $('transcript');
const input = $('ask');
const connection = $('connection');
const userSelect = $('user');

const state = {
  users: [],          // [{id, roles, key}], from the sign-in link
  user: null,         // the signed-in demo user
  socket: null,
  ready: false,       // authenticated on the current socket
  pending: new Map(), // request id -> {progress element, container}
  retry: 0,
  history: [],
  historyAt: 0,
  tab: 'approvals',
};

const EXAMPLES = {
  analyst: ['Show VIP customers', 'number of customers per segment', 'average order value by channel', 'total revenue last month'],
  marketer: ['Show VIP customers', 'Create 25% VIP discount', 'show active promotions', 'Email john@example.com about new promotion'],
  approver: ['show active promotions', 'promotions that are paused', 'Show VIP customers'],
};

// ---- connection ---------------------------------------------------------------------------------------

function sessionKey(user) { return 'promoagent.session.' + user.id; }

function connect() {
  const user = state.user;
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const socket = new WebSocket(`${scheme}//${location.host}/agent`);
  state.socket = socket;
  state.ready = false;
  setConnection('connecting', 'Connecting…');
  socket.addEventListener('open', () => {
    if (socket !== state.socket) return;
    socket.send(JSON.stringify({type: 'auth', key: user.key}));
    const saved = localStorage.getItem(sessionKey(user));
    if (saved) socket.send(JSON.stringify({type: 'hello', sessionId: saved}));
  });
  socket.addEventListener('message', event => {
    if (socket !== state.socket) return;
    let message;
    try { message = JSON.parse(event.data); } catch { return; }
    onMessage(message);
  });
  socket.addEventListener('close', () => {
    if (socket !== state.socket) return;
    state.ready = false;
    failPending('The connection was lost before the answer arrived. Please send it again.');
    const delay = Math.min(10000, 500 * 2 ** state.retry++);
    setConnection('offline', `Disconnected — reconnecting in ${Math.round(delay / 1000)} s`);
    setTimeout(() => { if (socket === state.socket) connect(); }, delay);
  });
}

function onMessage(message) {
  switch (message.type) {
    case 'welcome':
      if (!localStorage.getItem(sessionKey(state.user))) localStorage.setItem(sessionKey(state.user), message.sessionId);
      break;
    case 'session':
      localStorage.setItem(sessionKey(state.user), message.sessionId);
      break;
    case 'authenticated':
      state.ready = true;
      state.retry = 0;
      setConnection('online', `Connected as ${message.user.id}`);
      break;
    case 'progress':
      onProgress(message);
      break;
    case 'reply':
      onReply(message);
      break;
    case 'error':
      if (message.code === 'unauthenticated' && !state.ready) {
        // the keys kept for this tab are from an earlier server (one without --data-dir makes new ones)
        sessionStorage.removeItem(SIGNED_IN);
        setConnection('offline', 'Not signed in: open the sign-in link that promo-agent serve printed');
        const old = state.socket;
        state.socket = null;
        if (old) old.close();
        break;
      }
      onError(message);
      break;
  }
}

function setConnection(kind, text) {
  connection.textContent = text;
  connection.className = 'connection ' + kind;
}

function send(message) {
  if (!state.socket || state.socket.readyState !== WebSocket.OPEN || !state.ready) {
    addNotice('Not connected yet — please try again in a moment.', 'error');
    return false;
  }
  state.socket.send(JSON.stringify(message));
  return true;
}

// ---- chat ---------------------------------------------------------------------------------------------

function addMessage(kind, ...children) {
  const item = el('li', {class: `message ${kind}`}, el('div', {class: 'bubble'}, children));
  transcript.append(item);
  item.scrollIntoView({block: 'end', behavior: 'smooth'});
  return item;
}

function addNotice(text, kind = 'notice') {
  return addMessage(kind, el('p', {}, text));
}

/** Sends a request and shows a placeholder that progress events fill until the reply replaces it. */
function request(message, echo) {
  const id = newId(message.type);
  if (!send({...message, id})) return;
  if (echo) addMessage('user', el('p', {}, echo));
  const progress = progressBar();
  const item = addMessage('agent pending', progress.node);
  item.setAttribute('aria-busy', 'true');
  state.pending.set(id, {item, progress, started: performance.now(), message});
}

// The stages a request goes through (docs/websocket-protocol.md): planning, then each tool started and
// finished. The bar fills a third per stage of the current tool; the text says what runs and what it counted.
const STAGES = {planning: 1, tool_started: 2, tool_finished: 3};

function progressBar() {
  const fill = el('span', {class: 'bar-fill'});
  const bar = el('span', {class: 'bar', role: 'progressbar', 'aria-label': 'Progress of the request',
    'aria-valuemin': '0', 'aria-valuemax': '3', 'aria-valuenow': '0'}, fill);
  const text = el('span', {class: 'bar-text'}, 'Working…');
  const done = [];
  const node = el('div', {class: 'progress'}, bar, text);
  function show(stage, words) {
    bar.setAttribute('aria-valuenow', String(stage));
    bar.setAttribute('aria-valuetext', words);
    fill.style.width = `${Math.round(stage / 3 * 100)}%`;
    text.textContent = words;
  }
  return {
    node,
    /** A progress event of the protocol. */
    update(message) {
      const tool = message.tool ? humanize(message.tool).toLowerCase() : '';
      if (message.stage === 'planning') {
        show(STAGES.planning, 'Understanding the request…');
      } else if (message.stage === 'tool_started') {
        show(STAGES.tool_started, [...done, `running ${tool}…`].join(' · '));
      } else if (message.stage === 'tool_finished') {
        const counted = typeof message.count === 'number' ? `: ${plural(message.count, 'record')}` : '';
        const took = typeof message.millis === 'number' ? ` in ${message.millis.toLocaleString('en-US')} ms` : '';
        done.push(`${tool}${counted}${took}`);
        show(STAGES.tool_finished, done.join(' · '));
      }
    },
    /** What was done, for the finished reply's footer; null when nothing ran. */
    summary() { return done.length ? done.join(' · ') : null; },
  };
}

function ask(text) {
  text = text.trim();
  if (!text) return;
  state.history.push(text);
  state.historyAt = state.history.length;
  request({type: 'ask', text}, text);
}

function onProgress(message) {
  const pending = state.pending.get(message.id);
  if (pending) pending.progress.update(message);
}

function onReply(message) {
  const pending = state.pending.get(message.id);
  const reply = message.reply;
  const millis = pending ? Math.round(performance.now() - pending.started) : null;
  const steps = pending ? pending.progress.summary() : null;
  const meta = el('div', {class: 'meta'}, steps ? el('span', {class: 'steps'}, steps) : null,
    millis !== null ? el('span', {}, `answered in ${millis.toLocaleString('en-US')} ms`) : null);
  // a question or error block that says the reply's text already: say it once
  const repeated = (reply.blocks || []).some(b => b.message === reply.text);
  const body = [reply.text && !repeated ? el('p', {class: 'reply-text'}, reply.text) : null,
    ...renderBlocks(reply.blocks || [], actions), meta];
  let item;
  if (pending) {
    state.pending.delete(message.id);
    item = pending.item;
    item.className = 'message agent';
    item.removeAttribute('aria-busy');
    item.firstChild.replaceChildren(...body.filter(Boolean));
    if (pending.message.type === 'approve' || pending.message.type === 'reject') {
      const failed = (reply.blocks || []).some(b => b.type === 'error');
      if (!failed) updateApproval(pending.message.approvalId, pending.message.type === 'approve' ? 'applied' : 'rejected');
    }
  } else {
    item = addMessage('agent', ...body.filter(Boolean));
  }
  item.scrollIntoView({block: 'start', behavior: 'smooth'});
  refreshPanel();
}

function onError(message) {
  const pending = message.id ? state.pending.get(message.id) : null;
  const body = el('div', {class: 'block error', role: 'alert'},
    el('p', {}, el('strong', {}, humanize(message.code)), ': ', message.message));
  if (pending) {
    state.pending.delete(message.id);
    pending.item.className = 'message agent';
    pending.item.removeAttribute('aria-busy');
    pending.item.firstChild.replaceChildren(body);
  } else {
    addMessage('agent', body);
  }
}

function failPending(text) {
  for (const [id, pending] of state.pending) {
    pending.item.className = 'message agent';
    pending.item.removeAttribute('aria-busy');
    pending.item.firstChild.replaceChildren(el('div', {class: 'block error', role: 'alert'}, el('p', {}, text)));
    state.pending.delete(id);
  }
}

// An explain message carries at most 32 reads and 16,384 characters (docs/websocket-protocol.md): a table
// computed from more is explained in several messages, in the order it was read.
const MAX_EXPLAIN_READS = 32;
const MAX_EXPLAIN_CHARS = 12000;

function explainReads(reads) {
  const batches = [[]];
  let chars = 0;
  for (const read of reads) {
    const size = JSON.stringify(read).length;
    const last = batches[batches.length - 1];
    if (last.length && (last.length === MAX_EXPLAIN_READS || chars + size > MAX_EXPLAIN_CHARS)) {
      batches.push([]);
      chars = 0;
    }
    batches[batches.length - 1].push(read);
    chars += size;
  }
  let first = 1;
  for (const batch of batches) {
    const which = batches.length === 1 ? '' : ` (reads ${first} to ${first + batch.length - 1} of ${reads.length})`;
    request({type: 'explain', reads: batch}, `Explain how this table is read${which}`);
    first += batch.length;
  }
}

const actions = {
  user: () => state.user,
  ask: text => ask(text),
  decide: (kind, approvalId, reason) => request({type: kind, approvalId, reason: reason || ''},
    `${kind === 'approve' ? 'Approve' : 'Reject'} ${approvalId.slice(0, 8)}${reason ? ' — ' + reason : ''}`),
  rollback: changeSetId => request({type: 'rollback', changeSetId}, `Roll back change set ${changeSetId.slice(0, 8)}`),
  explain: table => table.query ? request({type: 'explain', query: table.query}, 'Explain how this table is read')
    : explainReads(table.reads),
  confirmRead: handle => request({type: 'confirm_read', handle}, 'Confirm the read'),
};

// ---- users --------------------------------------------------------------------------------------------

function switchUser(id) {
  const user = state.users.find(u => u.id === id);
  if (!user || user === state.user) return;
  const first = state.user === null;
  state.user = user;
  localStorage.setItem('promoagent.user', user.id);
  userSelect.value = user.id;
  if (!first) addNotice(`Signed in as ${user.id} (${user.roles.join(', ')}).`);
  renderExamples();
  refreshApprovalActions();
  const old = state.socket;
  state.socket = null;
  if (old) old.close();
  connect();
  refreshPanel();
}

function renderExamples() {
  const role = state.user.roles[0];
  $('examples').replaceChildren(el('span', {class: 'muted'}, 'Try:'),
    ...(EXAMPLES[role] || EXAMPLES.analyst).map(text =>
      el('button', {type: 'button', class: 'chip', onclick: () => { ask(text); input.focus(); }}, text)));
}

async function api(path) {
  const response = await fetch(path, {headers: {Authorization: 'Bearer ' + state.user.key}});
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.json();
}

// ---- side views ---------------------------------------------------------------------------------------

const TABS = ['approvals', 'audit', 'outbox'];

function selectTab(name, focus) {
  state.tab = name;
  for (const tab of TABS) {
    const button = $('tab-' + tab);
    const selected = tab === name;
    button.setAttribute('aria-selected', String(selected));
    button.tabIndex = selected ? 0 : -1;
    $('panel-' + tab).hidden = !selected;
    if (selected && focus) button.focus();
  }
  refreshPanel();
}

let refreshing = null;
function refreshPanel() {
  if (!state.user) return;
  const tab = state.tab;
  const panel = $('panel-' + tab);
  const load = tab === 'approvals' ? renderApprovals : tab === 'audit' ? renderAudit : renderOutbox;
  const run = (refreshing || Promise.resolve()).then(() => load(panel)).catch(error =>
    panel.replaceChildren(el('p', {class: 'error'}, `Could not load: ${error.message}`)));
  refreshing = run;
}

async function renderApprovals(panel) {
  const approvals = await api('/api/approvals');
  for (const a of approvals) updateApproval(a.approvalId, a.status);
  const approver = state.user.roles.includes('approver') || state.user.roles.includes('admin');
  const items = approvals.slice().reverse().map(a => el('li', {class: 'approval-row'},
    el('div', {class: 'row-head'}, el('span', {class: `badge status ${a.status}`}, humanize(a.status)),
      el('span', {class: `badge effect ${a.effect}`}, a.effect), el('span', {class: 'muted small'}, a.createdAt.replace('T', ' ').slice(0, 16))),
    el('p', {class: 'row-summary', title: a.summary}, headline(a.summary)),
    el('p', {class: 'muted small'}, `${plural(a.affectedCount, 'record')} · requested by ${a.requester}`
      + (a.decidedBy ? ` · decided by ${a.decidedBy}` : '') + (a.rollbackOf ? ' · rollback' : '')),
    el('p', {class: 'approval-id muted small'}, 'Approval ', el('code', {title: a.approvalId}, a.approvalId.slice(0, 8)), ' ',
      copyButton(a.approvalId, 'Copy full id', `Copy full id of approval ${a.approvalId.slice(0, 8)}`)),
    a.status === 'pending' && approver ? el('div', {class: 'approval-actions'},
      el('button', {type: 'button', class: 'approve small', onclick: () => actions.decide('approve', a.approvalId, '')},
        'Approve', el('span', {class: 'visually-hidden'}, ': ' + a.summary))) : null,
    a.status === 'applied' && a.effect === 'write' && !a.rollbackOf && !state.user.roles.includes('analyst')
      ? el('div', {class: 'approval-actions'}, el('button', {type: 'button', class: 'rollback small',
        onclick: () => actions.rollback(a.changeSetId)}, 'Roll back', el('span', {class: 'visually-hidden'}, ': ' + a.summary))) : null));
  panel.replaceChildren(el('h2', {}, 'Approvals'),
    items.length ? el('ol', {class: 'rows'}, items) : el('p', {class: 'muted'}, 'No proposals yet. Ask a marketer to create a promotion.'));
}

async function renderAudit(panel) {
  const audit = await api('/api/audit?limit=200');
  const v = audit.verification;
  const banner = v.valid
    ? el('p', {class: 'verified ok', role: 'status'}, `✓ Chain intact — ${v.recordsChecked} records verified`)
    : el('p', {class: 'verified broken', role: 'alert'}, `✗ Chain broken at record ${v.firstBadSequence}: ${v.problem}`);
  const rows = audit.records.slice().reverse().map(r => el('tr', {},
    el('td', {class: 'num'}, String(r.sequence)),
    el('td', {}, el('time', {datetime: r.at, title: r.at}, r.at.replace('T', ' ').slice(11, 19))),
    el('td', {}, humanize(r.action), r.tool ? el('div', {class: 'muted small mono'}, r.tool) : null),
    el('td', {}, r.principal),
    el('td', {}, r.outcome, el('div', {class: 'muted small mono', title: r.hash}, 'hash ' + r.hash.slice(0, 8) + '…'))));
  const shown = audit.records.length < audit.head
    ? el('p', {class: 'muted small'}, `The newest ${audit.records.length} of ${audit.head} records.`) : '';
  // a narrow panel scrolls the table sideways rather than cutting it; the region takes the focus to scroll by keys
  panel.replaceChildren(el('h2', {}, 'Audit trail'), banner, shown,
    el('div', {class: 'scroll audit-scroll', role: 'region', tabindex: '0', 'aria-label': 'Audit records'},
      el('table', {class: 'data compact audit'},
        el('caption', {class: 'visually-hidden'}, 'Audit records, newest first'),
        el('thead', {}, el('tr', {}, ['#', 'Time', 'Action', 'Who', 'Outcome'].map(h => el('th', {scope: 'col'}, h)))),
        el('tbody', {}, rows))));
}

async function renderOutbox(panel) {
  const messages = await api('/api/outbox');
  const items = messages.slice().reverse().map(m => el('li', {},
    el('details', {}, el('summary', {}, el('strong', {}, m.subject), el('span', {class: 'muted'}, ' → ' + m.to)), emailView(m))));
  panel.replaceChildren(el('h2', {}, 'Demo outbox'),
    el('p', {class: 'muted small'}, 'E-mails are kept here instead of being sent.'),
    items.length ? el('ol', {class: 'rows'}, items) : el('p', {class: 'muted'}, 'Nothing sent yet.'));
}

// ---- start --------------------------------------------------------------------------------------------

function wire() {
  $('ask-form').addEventListener('submit', event => {
    event.preventDefault();
    const text = input.value;
    input.value = '';
    ask(text);
    input.focus();
  });
  input.addEventListener('keydown', event => {
    if (event.key === 'Escape') { input.value = ''; }
    if (event.key === 'ArrowUp' && state.historyAt > 0 && !input.value.includes('\n')) {
      event.preventDefault();
      input.value = state.history[--state.historyAt];
    }
    if (event.key === 'ArrowDown' && state.historyAt < state.history.length) {
      event.preventDefault();
      state.historyAt++;
      input.value = state.history[state.historyAt] || '';
    }
  });
  userSelect.addEventListener('change', () => { switchUser(userSelect.value); input.focus(); });
  for (const tab of TABS) {
    const button = $('tab-' + tab);
    button.addEventListener('click', () => selectTab(tab, false));
    button.addEventListener('keydown', event => {
      const at = TABS.indexOf(state.tab);
      if (event.key === 'ArrowRight') selectTab(TABS[(at + 1) % TABS.length], true);
      if (event.key === 'ArrowLeft') selectTab(TABS[(at + TABS.length - 1) % TABS.length], true);
      if (event.key === 'Home') selectTab(TABS[0], true);
      if (event.key === 'End') selectTab(TABS[TABS.length - 1], true);
    });
  }
}

// The page's address may carry a fragment: #signin=SECRET (the sign-in link serve printed) and/or
// #approval=ID (the link of an approval request, docs/approvals.md). A fragment never reaches the server or
// its logs; the page takes it out of the address bar as soon as it is read, so that the secret is not kept
// in the history and the same link opened again is a new hash change.
function takeFragment() {
  const fragment = new URLSearchParams(location.hash.slice(1));
  if (location.hash) history.replaceState(null, '', location.pathname + location.search);
  return {secret: fragment.get('signin'), approval: fragment.get('approval')};
}

// The page trades the sign-in secret for the demo users' keys once and keeps them for this tab only
// (sessionStorage).
const SIGNED_IN = 'promoagent.signedIn';

async function signIn(secret) {
  if (secret) {
    const response = await fetch('/api/sign-in', {method: 'POST', headers: {Authorization: 'Bearer ' + secret}});
    if (!response.ok) throw new Error('the sign-in link is not valid (any more): use the one promo-agent serve printed');
    sessionStorage.setItem(SIGNED_IN, JSON.stringify(await response.json()));
  }
  const kept = sessionStorage.getItem(SIGNED_IN);
  return kept ? JSON.parse(kept) : null;
}

function showDataDate(dataAsOf) {
  const today = new Date().toISOString().slice(0, 10);
  $('data-as-of').textContent = `Data as of ${dataAsOf}` + (dataAsOf === today ? '' : ` · approvals on real time (${today})`);
}

// ---- approval links -----------------------------------------------------------------------------------

// The approval an approval link named, kept for this tab until the page is signed in to open it.
const LINKED_APPROVAL = 'promoagent.linkedApproval';

const decides = user => user.roles.includes('approver') || user.roles.includes('admin');

/** Shows the approval a link named (its id or a prefix of 8+ characters) as a card, for an approver. */
async function openLinkedApproval() {
  const id = sessionStorage.getItem(LINKED_APPROVAL);
  if (!id || !state.user) return;
  sessionStorage.removeItem(LINKED_APPROVAL);
  if (!decides(state.user)) {
    const approver = state.users.find(u => u.roles.includes('approver')) || state.users.find(decides);
    if (approver) switchUser(approver.id);
  }
  const shown = id.length > 12 ? id.slice(0, 8) + '…' : id;
  const response = await fetch('/api/approvals/' + encodeURIComponent(id), {headers: {Authorization: 'Bearer ' + state.user.key}});
  if (!response.ok) {
    let why = `HTTP ${response.status}`;
    try { why = (await response.json()).message || why; } catch { /* not JSON: the status says it */ }
    const text = response.status === 404
      ? `The link names approval ${shown}, but there is no such approval. Check the link, or look for it under Approvals.`
      : `The approval link could not be opened: ${why}.`;
    addMessage('agent', el('div', {class: 'block error', role: 'alert'}, el('p', {}, text)));
    return;
  }
  const approval = await response.json();
  const item = addMessage('agent', el('p', {class: 'reply-text'},
    `Approval request ${approval.approvalId.slice(0, 8)} from your link, proposed by ${approval.requester}:`),
    approvalBlock(approval, actions));
  item.scrollIntoView({block: 'start'});
}

async function onHashChange() {
  const link = takeFragment();
  if (link.approval) sessionStorage.setItem(LINKED_APPROVAL, link.approval);
  if (link.secret) {
    begin(await signIn(link.secret));
  } else if (link.approval && !state.user) {
    notSignedIn();
  }
  await openLinkedApproval();
}

function notSignedIn() {
  setConnection('offline', sessionStorage.getItem(LINKED_APPROVAL)
    ? 'Not signed in: open the sign-in link that promo-agent serve printed, and the approval opens'
    : 'Not signed in: open the sign-in link that promo-agent serve printed');
}


/** Takes the demo users of a sign-in and signs in the one the address or this browser last chose. */
function begin(signedIn) {
  showDataDate(signedIn.dataAsOf);
  state.users = signedIn.users;
  userSelect.replaceChildren(...state.users.map(u => el('option', {value: u.id}, `${u.id} (${u.roles.join(', ')})`)));
  const wanted = new URLSearchParams(location.search).get('user') || localStorage.getItem('promoagent.user') || 'marketer';
  switchUser((state.users.find(u => u.id === wanted) || state.users[0]).id);
}

async function start() {
  wire();
  const link = takeFragment();
  if (link.approval) sessionStorage.setItem(LINKED_APPROVAL, link.approval);
  const signedIn = await signIn(link.secret);
  if (!signedIn) {
    const about = await (await fetch('/api/demo-users')).json();
    showDataDate(about.dataAsOf);
    notSignedIn();
    return;
  }
  begin(signedIn);
  input.focus({preventScroll: true});
  await openLinkedApproval();
}

window.addEventListener('hashchange', () => onHashChange().catch(error => setConnection('offline', 'Could not open the link: ' + error.message)));
start().catch(error => setConnection('offline', 'Could not start: ' + error.message));
