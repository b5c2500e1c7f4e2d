// The dashboard: polls GET api/manage/stats every second with the admin key and redraws tiles, charts,
// hubs and recent messages; inspects and replays the poison queue.
import { drawLines, drawSparkline } from './charts.js';

const API = `${location.origin}/api/manage`;
const POLL_MS = 1000;
const $ = (selector) => document.querySelector(selector);
const color = (name) => getComputedStyle(document.documentElement).getPropertyValue(name).trim();

const depthHistory = [];
const seenRecent = new Set();
let key = sessionStorage.getItem('fanout-admin-key');
let timer = null;

$('#key-button').addEventListener('click', () => askKey());
$('#key-form').addEventListener('submit', () => {
  key = $('#key').value.trim();
  sessionStorage.setItem('fanout-admin-key', key);
  poll();
});
$('#poison-open').addEventListener('click', () => openPoison());
$('#poison-close').addEventListener('click', () => {
  $('#poison').hidden = true;
});
window.addEventListener('resize', () => last && render(last));

let last = null;
if (key) poll();
else askKey();

function askKey(error) {
  $('#key-error').hidden = !error;
  $('#key-error').textContent = error ?? '';
  $('#key').value = key ?? '';
  if (!$('#key-dialog').open) $('#key-dialog').showModal();
}

async function api(path, init = {}) {
  const response = await fetch(`${API}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${key}`, ...(init.headers ?? {}) },
    signal: AbortSignal.timeout(8000),
  });
  if (response.status === 401) throw Object.assign(new Error('That key is not an admin key.'), { unauthorized: true });
  const body = await response.json();
  if (!response.ok) throw new Error(body?.detail ?? `HTTP ${response.status}`);
  return body;
}

async function poll() {
  clearTimeout(timer);
  try {
    last = await api('/stats');
    render(last);
    setLive('connected', 'live · every second');
  } catch (error) {
    if (error.unauthorized) {
      setLive('disconnected', 'admin key needed');
      askKey(error.message);
      return;
    }
    setLive('reconnecting', 'no answer · retrying');
  }
  timer = setTimeout(poll, POLL_MS);
}

function setLive(state, text) {
  $('#live').dataset.state = state;
  $('#live').textContent = text;
}

function render(stats) {
  const { counters: c, lagMs: lag } = stats;
  $('#window').textContent = `last ${stats.windowSeconds} s`;
  tile('published', c.published, color('--published'));
  tile('delivered', c.delivered, color('--delivered'));

  $('#lag-p50').textContent = lag.count ? fmt(lag.p50) : '–';
  $('#lag-p90').textContent = lag.count ? fmt(lag.p90) : '–';
  $('#lag-p99').textContent = lag.count ? fmt(lag.p99) : '–';
  $('#lag-max').textContent = lag.count ? fmt(lag.max) : '–';
  drawSparkline($('#lag-spark'), stats.lagP99Series, color('--p99'));

  const depth = stats.queue.depth;
  depthHistory.push(depth ?? 0);
  if (depthHistory.length > stats.windowSeconds) depthHistory.shift();
  $('#queue-depth').textContent = depth ?? '?';
  $('#queue-depth').title = stats.queue.error ?? '';
  drawSparkline($('#queue-spark'), depthHistory, color('--accent'), 10);

  $('#poison-count').textContent = stats.queue.poison ?? '?';
  document.querySelector('[data-metric="poison"]').dataset.alert = String((stats.queue.poison ?? 0) > 0);
  $('#rejected-count').textContent = c.rejected.inWindow;
  document.querySelector('[data-metric="rejected"]').dataset.alert = String(c.rejected.inWindow > 0);
  $('#rejected-codes').textContent = Object.entries(stats.rejectedByCode).map(([code, n]) => `${code} ${n}`).join(' · ') || 'none';

  drawLines($('#throughput'), {
    seconds: stats.windowSeconds,
    unit: '/s',
    series: [
      { values: c.published.series, color: color('--published'), fill: true },
      { values: c.delivered.series, color: color('--delivered') },
    ],
  });
  drawLines($('#lag'), {
    seconds: stats.windowSeconds,
    unit: ' ms',
    series: [
      { values: stats.lagP50Series, color: color('--p50') },
      { values: stats.lagP99Series, color: color('--p99') },
    ],
  });

  renderHubs(stats);
  renderRecent(stats.recent);
}

function tile(name, counter, lineColor) {
  $(`#${name}-rate`).textContent = fmt(counter.perSecond);
  $(`#${name}-total`).textContent = `${counter.inWindow} in window · ${counter.total} since start`;
  drawSparkline($(`#${name}-spark`), counter.series, lineColor);
}

function renderHubs(stats) {
  const now = Date.parse(stats.at);
  $('#hubs').replaceChildren(...stats.hubs.map((hub) => {
    const card = element('div', 'hub');
    const head = element('div', 'hub-head');
    head.append(element('strong', '', hub.name));
    if (hub.pattern) head.append(element('span', 'muted', `pattern ${hub.pattern}`));
    if (!hub.configured) head.append(element('span', 'muted', 'not configured'));
    head.append(element('span', 'numbers', `${hub.published} published · ${hub.delivered} delivered`));
    const groups = element('div', 'groups');
    for (const group of hub.groups.slice(0, 24)) {
      const age = (now - Date.parse(group.lastAt)) / 1000;
      const chip = element('span', `group${age < 3 ? ' fresh' : ''}${group.messages === 0 ? ' idle' : ''}`, group.name);
      chip.title = `offset ${group.lastOffset}, last message ${Math.round(age)} s ago`;
      chip.append(element('span', 'n', `${group.messages}`));
      groups.append(chip);
    }
    if (!hub.groups.length) groups.append(element('span', 'muted', 'no recent messages'));
    card.append(head, groups);
    return card;
  }));
}

function renderRecent(recent) {
  const list = $('#recent');
  if (!recent.length) {
    list.replaceChildren(element('li', 'empty', 'No messages yet. Send one from the chat.'));
    return;
  }
  list.replaceChildren(...recent.slice(0, 12).map((r) => {
    const li = element('li', seenRecent.has(r.id + r.group) ? '' : 'new');
    seenRecent.add(r.id + r.group);
    li.append(
      element('time', '', new Date(r.deliveredAt).toLocaleTimeString([], { hour12: false })),
      element('span', 'where', `${r.hub}/${r.group}`),
      element('span', 'lag', `#${r.offset} · ${fmt(r.lagMs)} ms${r.redelivered ? ' · again' : ''}`),
      element('span', 'preview', `${r.event} ${r.preview}`),
    );
    const where = li.querySelector('.where');
    where.title = r.id;
    return li;
  }));
}

async function openPoison() {
  $('#poison').hidden = false;
  $('#poison-note').textContent = 'loading…';
  try {
    const answer = await api('/poison');
    $('#poison-note').textContent = `${answer.count} message${answer.count === 1 ? '' : 's'}${answer.count > answer.shown ? `, first ${answer.shown} shown` : ''}`;
    $('#poison-rows').replaceChildren(...answer.messages.map(poisonRow));
    if (!answer.messages.length) {
      const row = element('tr');
      const cell = element('td', 'muted', 'The poison queue is empty.');
      cell.colSpan = 6;
      row.append(cell);
      $('#poison-rows').append(row);
    }
  } catch (error) {
    $('#poison-note').textContent = error.message;
  }
}

function poisonRow(message) {
  const row = element('tr');
  const preview = element('td', 'preview', message.messageId ?? message.queueMessageId);
  const actions = element('td');
  const inspect = element('button', '', 'Inspect');
  inspect.type = 'button';
  inspect.addEventListener('click', () => {
    preview.textContent = preview.textContent === message.preview ? (message.messageId ?? message.queueMessageId) : message.preview;
  });
  const replay = element('button', 'primary', 'Replay');
  replay.type = 'button';
  replay.addEventListener('click', async () => {
    replay.disabled = true;
    try {
      await api(`/poison/${encodeURIComponent(message.queueMessageId)}/replay`, { method: 'POST' });
      replay.textContent = 'Replayed';
      setTimeout(openPoison, 800);
    } catch (error) {
      replay.textContent = 'Failed';
      replay.title = error.message;
    }
  });
  actions.append(inspect, ' ', replay);
  row.append(
    element('td', '', message.insertedOn ? new Date(message.insertedOn).toLocaleString() : '?'),
    element('td', '', String(message.dequeueCount)),
    element('td', '', `${message.hub ?? '?'} / ${message.group ?? '?'}`),
    element('td', '', message.event ?? '?'),
    preview,
    actions,
  );
  return row;
}

function element(tag, className = '', text = null) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== null) node.textContent = text;
  return node;
}

function fmt(value) {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return value >= 100 ? Math.round(value).toString() : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}
