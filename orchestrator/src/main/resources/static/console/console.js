// The operator's console: plain JavaScript over the admin API, with the signed-in user's HTTP Basic login.
'use strict';

let login = null;
let currentSaga = null;

const $ = (selector) => document.querySelector(selector);

function cell(row, text, cssClass) {
  const td = row.insertCell();
  td.textContent = text ?? '';
  if (cssClass) {
    td.className = cssClass;
  }
  return td;
}

async function api(method, path) {
  const response = await fetch(path, { method, headers: login ? { Authorization: login } : {} });
  const body = await response.text();
  const json = body ? JSON.parse(body) : null;
  if (!response.ok) {
    throw new Error((json && (json.detail || json.title)) || response.status);
  }
  return json;
}

async function loadSagas() {
  const params = new URLSearchParams({ size: '50', sort: 'updatedAt,desc' });
  if ($('#status').value) params.set('status', $('#status').value);
  if ($('#orderId').value) params.set('orderId', $('#orderId').value.trim());
  const page = await api('GET', '/api/sagas?' + params);
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
  $('#sagaSummary').textContent = `${saga.type} v${saga.definitionVersion} · ${saga.status} at ${saga.state}`
      + ` · attempt ${saga.attempt}` + (saga.failureReason ? ` · ${saga.failureReason}` : '');
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
    cell(row, message.messageId);
    cell(row, message.type);
    cell(row, message.errorMessage);
    cell(row, message.attempts);
    const button = document.createElement('button');
    button.textContent = 'Replay';
    button.addEventListener('click', () => replay(queue, message.messageId));
    row.insertCell().append(button);
  }
}

async function replay(queue, messageId) {
  try {
    const result = await api('POST', `/api/dead-letters/${queue}/replay?messageId=${encodeURIComponent(messageId)}`);
    $('#replayResult').textContent = `replayed ${result.replayed} message(s) from ${queue}`;
  } catch (e) {
    $('#replayResult').textContent = 'replay refused: ' + e.message;
  }
  await loadParking();
  await showParked(queue);
}

$('#login').addEventListener('submit', async (event) => {
  event.preventDefault();
  login = 'Basic ' + btoa($('#user').value + ':' + $('#password').value);
  try {
    await loadSagas();
    await loadParking();
    $('#who').textContent = 'signed in as ' + $('#user').value;
  } catch (e) {
    $('#who').textContent = 'sign-in failed: ' + e.message;
  }
});
$('#filters').addEventListener('submit', (event) => {
  event.preventDefault();
  loadSagas();
});
document.querySelectorAll('[data-action]').forEach((button) =>
  button.addEventListener('click', () => act(button.dataset.action)));
