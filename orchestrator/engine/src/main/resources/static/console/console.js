// The operator's console: plain JavaScript over the admin API, with the signed-in user's HTTP Basic login.
// Every call carries X-Requested-By: the API refuses a state-changing request without it (a form posted from
// another site cannot set it), and answers a call that has it with a 401 without the Basic challenge, so the
// browser never shows its own login prompt nor keeps a login; the console signs in and out by itself.
'use strict';

const REQUESTED_BY = { 'X-Requested-By': 'saga-console' };

const NEUTRAL_KEY = 'business key';

let login = null;
let currentSaga = null;
let signalKey = null;
/** What each saga type calls its business key (its newest definition's name), e.g. order id. */
let keyNames = new Map();

const $ = (selector) => document.querySelector(selector);

function cell(row, text, cssClass) {
  const td = row.insertCell();
  td.textContent = text ?? '';
  if (cssClass) {
    td.className = cssClass;
  }
  return td;
}

/** A refusal from the API: its problem detail as the message, and the HTTP status. */
class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || String(status));
    this.status = status;
  }
}

async function api(method, path, body, extraHeaders = {}) {
  const headers = login ? { ...REQUESTED_BY, Authorization: login } : { ...REQUESTED_BY };
  Object.assign(headers, extraHeaders);
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(path, { method, headers, credentials: 'omit', body });
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (notJson) {
    json = null;
  }
  if (!response.ok) {
    const error = new ApiError(response.status, json);
    if (response.status === 401 && login) {
      signedOut('signed out: ' + error.message);
    }
    throw error;
  }
  return json;
}

/** Forgets the login and everything read with it, so nothing stale stays on the page. */
function signedOut(message) {
  login = null;
  currentSaga = null;
  for (const table of ['#sagas', '#timeline', '#parking', '#parked', '#definitions', '#steps']) {
    $(table + ' tbody').replaceChildren();
  }
  for (const section of ['#saga', '#parked', '#definition']) {
    $(section).hidden = true;
  }
  for (const text of ['#actionResult', '#replayResult', '#sagaSummary', '#definitionSummary', '#mermaid']) {
    $(text).textContent = '';
  }
  $('#machine').replaceChildren();
  keyNames = new Map();
  labelKeys();
  $('#password').value = '';
  $('#signOut').hidden = true;
  $('#who').textContent = message;
}

/** The name the given saga types share for their business key; the neutral one when they differ or are none. */
function keyName(types) {
  const names = new Set([...types].map((type) => keyNames.get(type) ?? NEUTRAL_KEY));
  return names.size === 1 ? [...names][0] : NEUTRAL_KEY;
}

/** Labels the search box after every loaded type and the column after the listed sagas' types. */
function labelKeys(listedTypes) {
  $('#businessKey').placeholder = keyName(keyNames.keys());
  $('#keyColumn').textContent = keyName(listedTypes?.size ? listedTypes : keyNames.keys());
}

async function loadSagas() {
  const params = new URLSearchParams({ size: '50', sort: 'updatedAt,desc' });
  if ($('#status').value) params.set('status', $('#status').value);
  if ($('#businessKey').value.trim()) params.set('businessKey', $('#businessKey').value.trim());
  const page = await api('GET', '/api/sagas?' + params);
  labelKeys(new Set(page.items.map((saga) => saga.type)));
  const body = $('#sagas tbody');
  body.replaceChildren();
  for (const saga of page.items) {
    const row = body.insertRow();
    row.dataset.sagaId = saga.id;
    cell(row, saga.businessKey);
    cell(row, saga.type);
    cell(row, saga.status, saga.status);
    cell(row, saga.state);
    cell(row, saga.updatedAt);
    row.addEventListener('click', () => showSaga(saga.id));
  }
}

async function showSaga(id) {
  const saga = await api('GET', '/api/sagas/' + id);
  currentSaga = id;
  $('#saga').hidden = false;
  $('#sagaId').textContent = saga.id;
  $('#sagaSummary').textContent = `${saga.type} v${saga.definitionVersion} · ${keyName([saga.type])}`
      + ` ${saga.businessKey} · ${saga.status} at ${saga.state} · attempt ${saga.attempt}`
      + (saga.branches ? ' · branches: ' + Object.entries(saga.branches)
          .map(([branch, at]) => `${branch} ${at.status} (attempt ${at.attempt})`).join(', ') : '')
      + (saga.finishBy ? ` · must finish by ${saga.finishBy}` : '')
      + (saga.failureReason ? ` · ${saga.failureReason}` : '');
  showSignalForm(saga);
  // Only what the saga allows now, as the API says: an ended saga offers nothing.
  document.querySelectorAll('[data-action]').forEach((button) => {
    button.hidden = !saga.actions.includes(button.dataset.action.toUpperCase());
  });
  $('#noActions').hidden = saga.actions.length > 0;
  $('#noActions').textContent = `no action for a ${saga.status} saga`;
  const body = $('#timeline tbody');
  body.replaceChildren();
  for (const entry of saga.timeline) {
    const row = body.insertRow();
    cell(row, entry.at);
    cell(row, entry.kind);
    cell(row, entry.step);
    cell(row, entry.attempt);
    cell(row, entry.messageType);
    cell(row, entry.detail);
  }
}

/**
 * A saga whose step waits for a signal offers the signals that step waits for. One idempotency key per showing of
 * the saga: sending again after a timeout repeats the same request, so it cannot decide the step twice.
 */
function showSignalForm(saga) {
  const waiting = saga.status === 'RUNNING' ? saga.positions.find((position) => position.kind === 'WAIT') : null;
  $('#signalForm').hidden = !waiting;
  $('#signalResult').textContent = '';
  if (!waiting) {
    return;
  }
  signalKey = crypto.randomUUID();
  $('#signalName').replaceChildren(...waiting.signals.map((name) => {
    const option = document.createElement('option');
    option.textContent = name;
    return option;
  }));
}

async function sendSignal(event) {
  event.preventDefault();
  const name = $('#signalName').value;
  try {
    await api('POST', `/api/sagas/${currentSaga}/signals/${encodeURIComponent(name)}`, $('#signalBody').value,
        { 'Idempotency-Key': signalKey });
    await showSaga(currentSaga);
    $('#signalResult').textContent = name + ' sent';
  } catch (e) {
    $('#signalResult').textContent = name + ' refused: ' + e.message;
  }
}

async function act(action) {
  try {
    await api('POST', `/api/sagas/${currentSaga}/${action}`);
    $('#actionResult').textContent = action + ' done';
    await showSaga(currentSaga);
  } catch (e) {
    $('#actionResult').textContent = action + ' refused: ' + e.message;
  }
}

async function loadParking() {
  const queues = await api('GET', '/api/dead-letters');
  const body = $('#parking tbody');
  body.replaceChildren();
  for (const queue of queues) {
    const row = body.insertRow();
    row.dataset.queue = queue.queue;
    cell(row, queue.queue);
    cell(row, queue.depth);
    row.addEventListener('click', () => showParked(queue.queue));
  }
}

async function showParked(queue) {
  const parked = await api('GET', `/api/dead-letters/${queue}?limit=50`);
  $('#parked').hidden = false;
  const body = $('#parked tbody');
  body.replaceChildren();
  for (const message of parked.messages) {
    const row = body.insertRow();
    row.dataset.messageId = message.messageId;
    cell(row, message.messageId);
    cell(row, message.type);
    cell(row, message.errorMessage);
    cell(row, message.attempts);
    cell(row, destinationText(message.replayTo), 'replayTo');
    const actions = row.insertCell();
    const button = document.createElement('button');
    button.textContent = 'Replay…';
    button.addEventListener('click', () => confirmReplay(actions, queue, message));
    actions.append(button);
  }
}

function destinationText(destination) {
  return destination ? `${destination.exchange} → ${destination.routingKey}` : 'unknown';
}

/** Says where the message will go, as the API says, and replays only once the operator confirms. */
function confirmReplay(actions, queue, message) {
  const question = document.createElement('span');
  question.className = 'confirm';
  question.textContent = `Replay to ${destinationText(message.replayTo)}?`;
  const yes = document.createElement('button');
  yes.textContent = 'Confirm replay';
  yes.addEventListener('click', () => replay(queue, message.messageId));
  const no = document.createElement('button');
  no.textContent = 'Cancel';
  no.addEventListener('click', () => showParked(queue));
  actions.replaceChildren(question, yes, no);
}

async function replay(queue, messageId) {
  try {
    const result = await api('POST', `/api/dead-letters/${queue}/replay?messageId=${encodeURIComponent(messageId)}`);
    $('#replayResult').textContent = `replayed ${result.replayed} message(s) from ${queue}`;
  } catch (e) {
    $('#replayResult').textContent = 'replay refused: ' + e.message;
    if (e.status === 401) {
      return;
    }
  }
  await loadParking();
  await showParked(queue);
}

async function loadDefinitions() {
  const definitions = await api('GET', '/api/definitions');
  const body = $('#definitions tbody');
  body.replaceChildren();
  keyNames = new Map();
  for (const definition of definitions) {
    const newest = !definitions.some((other) => other.type === definition.type && other.version > definition.version);
    if (newest) {
      keyNames.set(definition.type, definition.businessKeyName);
    }
    const row = body.insertRow();
    row.dataset.type = definition.type;
    cell(row, definition.type);
    cell(row, definition.version);
    cell(row, definition.startedBy);
    cell(row, definition.pivot ?? 'none');
    cell(row, definition.steps.length);
    row.addEventListener('click', () => showDefinition(definition.type));
  }
}

async function showDefinition(type) {
  const definition = await api('GET', '/api/definitions/' + encodeURIComponent(type));
  $('#definition').hidden = false;
  $('#definitionType').textContent = `${definition.type} v${definition.version}`;
  $('#definitionSummary').textContent = `started by ${definition.startedBy} · keyed by ${definition.businessKeyName}`
      + ` · data ${definition.dataType}`
      + ` · pivot ${definition.pivot ?? 'none'} · ${definition.states.length} states`;
  const body = $('#steps tbody');
  body.replaceChildren();
  for (const step of definition.steps) {
    const row = body.insertRow();
    row.dataset.step = step.name;
    cell(row, step.name);
    cell(row, step.participant);
    cell(row, step.command ?? '(done before the saga starts)');
    linesCell(row, [...step.successReplies.map((reply) => '✓ ' + reply),
      ...step.failureReplies.map((reply) => '✗ ' + reply)]);
    linesCell(row, step.compensation
        ? [step.compensation.command, ...step.compensation.confirmedBy.map((reply) => '✓ ' + reply)] : []);
    cell(row, [step.pivot && 'pivot', step.retriable && 'retriable'].filter(Boolean).join(', '),
        step.pivot ? 'pivot' : '');
    cell(row, deadlineText(step.deadline));
    const overridden = deadlineText(step.deadline) !== deadlineText(step.effectiveDeadline);
    cell(row, deadlineText(step.effectiveDeadline), overridden ? 'overridden' : '');
  }
  $('#machine').replaceChildren(stateDiagram(definition));
  $('#mermaid').textContent = definition.mermaid;
}

/** A cell with one line per text, for lists of message types too long to share a line. */
function linesCell(row, texts) {
  const td = row.insertCell();
  for (const text of texts) {
    const line = document.createElement('div');
    line.textContent = text;
    td.append(line);
  }
  return td;
}

function deadlineText(deadline) {
  return `${deadline.timeout} × ${deadline.attempts}`;
}

// The state machine as an SVG, drawn from what the API says the machine is: its planned states (each with its
// step, phase and what its last unanswered attempt leads to) and its transitions, both as data. Forward steps run
// down the first column, each step's compensation sits beside it in the second and confirmations run back up to
// COMPENSATED; where a saga stops for an operator (STUCK, FAILED) is a status, not a state: drawn dashed, FAILED
// right of the compensations, STUCK beside the steps past the pivot (in the compensation column's free rows when
// it has them).

const SVG_NS = 'http://www.w3.org/2000/svg';
const DIAGRAM = {
  margin: 16, header: 26, marks: 80, rowPitch: 82, boxHeight: 44, pillHeight: 34, pillWidth: 150,
  columnGap: 200, statusGap: 120, statusWidth: 130, minBoxWidth: 190,
};

function svgElement(name, attributes = {}, text) {
  const element = document.createElementNS(SVG_NS, name);
  for (const [key, value] of Object.entries(attributes)) {
    element.setAttribute(key, value);
  }
  if (text !== undefined) {
    element.textContent = text;
  }
  return element;
}

/**
 * Each planned state in a column and a row: row 0 holds the start and the compensated end, step i and its
 * compensation row i + 1, the completed end the row after the last step.
 */
function placeStates(definition) {
  const rowOf = new Map(definition.steps.map((step, index) => [step.name, index + 1]));
  const stepOf = new Map(definition.steps.map((step) => [step.name, step]));
  const completedRow = definition.steps.length + 1;
  const nodes = new Map();
  for (const state of definition.plan) {
    const compensating = state.phase === 'COMPENSATING';
    const node = { state: state.name, whenUnanswered: state.whenUnanswered, column: compensating ? 1 : 0 };
    if (state.end) {
      Object.assign(node, { kind: compensating ? 'compensated' : 'completed', row: compensating ? 0 : completedRow });
    } else if (state.step === null) {
      Object.assign(node, { kind: 'start', column: 0, row: 0 });
    } else {
      const step = stepOf.get(state.step);
      Object.assign(node, compensating
          ? { kind: 'compensation', row: rowOf.get(state.step), detail: step.compensation?.command }
          : { kind: 'step', row: rowOf.get(state.step), detail: step.command, pivot: step.pivot,
            retriable: step.retriable });
    }
    nodes.set(state.name, node);
  }
  return nodes;
}

function middleRow(nodes) {
  const rows = nodes.map((node) => node.row).sort((a, b) => a - b);
  return rows[Math.floor((rows.length - 1) / 2)];
}

/**
 * The statuses a saga takes when a state's last attempt goes unanswered and the plan says it does not compensate:
 * a forward step at or after the pivot leaves the saga STUCK, a compensation FAILED.
 */
function placeStatuses(nodes) {
  const all = [...nodes.values()];
  const stuckFrom = all.filter((node) => node.whenUnanswered === 'STUCK');
  const failedFrom = all.filter((node) => node.whenUnanswered === 'FAIL');
  const taken = new Set(all.map((node) => `${node.column}:${node.row}`));
  const edges = [];
  const add = (state, column, row, sources) => {
    nodes.set(state, { state, kind: 'status', column, row });
    taken.add(`${column}:${row}`);
    for (const source of sources) {
      edges.push({ from: source.state, to: state, labels: ['no reply'], kind: 'status' });
    }
  };
  if (failedFrom.length) {
    add('FAILED', 2, middleRow(failedFrom), failedFrom);
  }
  if (stuckFrom.length) {
    let row = middleRow(stuckFrom);
    const belowCompensations = Math.min(...stuckFrom.map((n) => n.row)) > Math.max(0, ...failedFrom.map((n) => n.row));
    const column = belowCompensations && !taken.has(`1:${row}`) ? 1 : 2;
    while (taken.has(`${column}:${row}`)) {
      row++;
    }
    add('STUCK', column, row, stuckFrom);
  }
  return edges;
}

/** One arrow per pair of states, labelled with every event that takes it. */
function mergedEdges(transitions, nodes) {
  const edges = new Map();
  for (const t of transitions) {
    const key = t.from + ' ' + t.to;
    if (!edges.has(key)) {
      const from = nodes.get(t.from);
      const kind = t.event === 'SUCCEEDED' || t.event === 'START'
          ? (from.kind === 'compensation' ? 'confirmed' : 'forward') : 'failure';
      edges.set(key, { from: t.from, to: t.to, labels: [], kind });
    }
    edges.get(key).labels.push(t.event);
  }
  return [...edges.values()];
}

function boxWidth(nodes) {
  let chars = 0;
  for (const node of nodes.values()) {
    if (node.kind === 'step' || node.kind === 'compensation') {
      chars = Math.max(chars, node.state.length * 7.4, (node.detail ?? '').length * 6.7);
    }
  }
  return Math.max(DIAGRAM.minBoxWidth, Math.ceil(chars) + 24);
}

/** Pixel boxes: step and compensation boxes fill their column, the others are narrower and centred. */
function layOut(nodes) {
  const width = boxWidth(nodes);
  const left = [DIAGRAM.margin + DIAGRAM.marks];
  left.push(left[0] + width + DIAGRAM.columnGap);
  left.push(left[1] + width + DIAGRAM.statusGap);
  const columnWidth = [width, width, DIAGRAM.statusWidth];
  for (const node of nodes.values()) {
    const full = node.kind === 'step' || node.kind === 'compensation';
    node.w = full ? width : (node.kind === 'status' ? DIAGRAM.statusWidth : DIAGRAM.pillWidth);
    node.h = full ? DIAGRAM.boxHeight : DIAGRAM.pillHeight;
    node.x = left[node.column] + (columnWidth[node.column] - node.w) / 2;
    node.y = DIAGRAM.margin + DIAGRAM.header + node.row * DIAGRAM.rowPitch + (DIAGRAM.boxHeight - node.h) / 2;
  }
  const used = Math.max(...[...nodes.values()].map((node) => node.column));
  const rows = Math.max(...[...nodes.values()].map((node) => node.row)) + 1;
  return {
    left, columnWidth, columns: used + 1,
    width: left[used] + columnWidth[used] + DIAGRAM.margin,
    height: DIAGRAM.margin + DIAGRAM.header + rows * DIAGRAM.rowPitch - (DIAGRAM.rowPitch - DIAGRAM.boxHeight)
        + DIAGRAM.margin,
  };
}

function drawHeaders(svg, layout) {
  const titles = ['forward steps', 'compensations', 'operator needed'];
  for (let column = 0; column < layout.columns; column++) {
    svg.append(svgElement('text', {
      class: 'column-title', x: layout.left[column] + layout.columnWidth[column] / 2,
      y: DIAGRAM.margin + 10, 'text-anchor': 'middle',
    }, titles[column]));
  }
}

function drawNode(svg, node) {
  const group = svgElement('g', { class: `node ${node.kind}${node.pivot ? ' pivot' : ''}`, 'data-state': node.state });
  group.append(svgElement('title', {}, node.detail ? `${node.state}: ${node.detail}` : node.state));
  const rounded = node.kind === 'step' || node.kind === 'compensation' ? 6 : node.h / 2;
  group.append(svgElement('rect', { x: node.x, y: node.y, width: node.w, height: node.h, rx: rounded }));
  if (node.kind === 'completed' || node.kind === 'compensated') {
    group.append(svgElement('rect', {
      class: 'inner', x: node.x + 3, y: node.y + 3, width: node.w - 6, height: node.h - 6, rx: rounded - 3,
    }));
  }
  const centre = node.x + node.w / 2;
  const nameY = node.detail ? node.y + 19 : node.y + node.h / 2 + 4;
  group.append(svgElement('text', { class: 'name', x: centre, y: nameY, 'text-anchor': 'middle' }, node.state));
  if (node.detail) {
    group.append(svgElement('text', { class: 'detail', x: centre, y: node.y + 35, 'text-anchor': 'middle' },
        node.detail));
  }
  const marks = [node.pivot && 'PIVOT', node.retriable && 'retriable'].filter(Boolean);
  marks.forEach((mark, i) => group.append(svgElement('text', {
    class: `mark ${mark.toLowerCase()}`, x: node.x - 10, y: node.y + node.h / 2 + 4 + (i - (marks.length - 1) / 2) * 14,
    'text-anchor': 'end',
  }, mark)));
  svg.append(group);
}

/** Where an arrow leaves and enters: bottom/top within a column, the facing sides across columns. */
function anchors(from, to) {
  if (from.column === to.column) {
    const down = to.row > from.row;
    return [{ x: from.x + from.w / 2, y: down ? from.y + from.h : from.y },
      { x: to.x + to.w / 2, y: down ? to.y : to.y + to.h }];
  }
  const rightwards = to.column > from.column;
  const slope = Math.sign(to.row - from.row) * 10;
  return [{ x: rightwards ? from.x + from.w : from.x, y: from.y + from.h / 2 + slope },
    { x: rightwards ? to.x : to.x + to.w, y: to.y + to.h / 2 - slope }];
}

function drawEdge(svg, edge, nodes) {
  const from = nodes.get(edge.from);
  const to = nodes.get(edge.to);
  const [start, end] = anchors(from, to);
  const group = svgElement('g', { class: `edge ${edge.kind}`, 'data-from': edge.from, 'data-to': edge.to });
  group.append(svgElement('line', {
    x1: start.x, y1: start.y, x2: end.x, y2: end.y, 'marker-end': `url(#arrow-${edge.kind})`,
  }));
  const label = edge.labels.join(' · ');
  if (from.column === to.column) {
    const y = to.row > from.row ? start.y + DIAGRAM.rowPitch / 4 + 8 : start.y - DIAGRAM.rowPitch / 4 + 2;
    group.append(svgElement('text', { class: 'label', x: start.x + 6, y }, label));
  } else {
    const along = from.row === to.row ? 0.5 : 0.3;
    group.append(svgElement('text', {
      class: 'label', x: start.x + (end.x - start.x) * along, y: start.y + (end.y - start.y) * along - 6,
      'text-anchor': 'middle',
    }, label));
  }
  svg.append(group);
}

function arrowMarkers() {
  const defs = svgElement('defs');
  for (const kind of ['forward', 'failure', 'confirmed', 'status']) {
    const marker = svgElement('marker', {
      id: `arrow-${kind}`, class: `edge ${kind}`, viewBox: '0 0 10 10', refX: 10, refY: 5,
      markerWidth: 9, markerHeight: 9, markerUnits: 'userSpaceOnUse', orient: 'auto',
    });
    marker.append(svgElement('path', { d: 'M0,0 L10,5 L0,10 z' }));
    defs.append(marker);
  }
  return defs;
}

function stateDiagram(definition) {
  const nodes = placeStates(definition);
  const edges = mergedEdges(definition.transitions, nodes);
  edges.push(...placeStatuses(nodes));
  const layout = layOut(nodes);
  const svg = svgElement('svg', {
    class: 'machine', width: layout.width, height: layout.height,
    viewBox: `0 0 ${layout.width} ${layout.height}`, role: 'img',
    'aria-label': `State machine of ${definition.type} v${definition.version}`,
  });
  svg.append(arrowMarkers());
  drawHeaders(svg, layout);
  edges.forEach((edge) => drawEdge(svg, edge, nodes));
  nodes.forEach((node) => drawNode(svg, node));
  return svg;
}

$('#login').addEventListener('submit', async (event) => {
  event.preventDefault();
  const user = $('#user').value;
  $('#who').textContent = 'signing in…';
  try {
    login = 'Basic ' + btoa(user + ':' + $('#password').value);
    await loadDefinitions();
    await loadSagas();
    await loadParking();
    $('#who').textContent = 'signed in as ' + user;
    $('#signOut').hidden = false;
  } catch (e) {
    signedOut('sign-in failed: ' + e.message);
  }
});
$('#signOut').addEventListener('click', () => signedOut('signed out'));
$('#filters').addEventListener('submit', (event) => {
  event.preventDefault();
  loadSagas();
});
document.querySelectorAll('[data-action]').forEach((button) =>
  button.addEventListener('click', () => act(button.dataset.action)));
$('#signalForm').addEventListener('submit', sendSignal);
