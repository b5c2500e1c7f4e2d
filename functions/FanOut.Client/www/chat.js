// The chat example (after Socket.IO's), on FanOutClient: rooms are groups of the `chat` hub, messages are
// `message` events with { user, text, nonce }, history comes with every join, and a reconnect brings back
// what was missed, in order, once.
import { FanOutClient } from '../lib/fanout-client.js';
import { appendItem, renderMessages as drawMessages, renderPresence, renderRooms as drawRooms, showRecovery, showState } from './chat-view.js';

const HUB = 'chat';
const DEFAULT_ROOMS = ['general', 'random'];
const NAME_RULE = /^[A-Za-z0-9_.@:+-]{1,64}$/;
const ROOM_RULE = /^[A-Za-z0-9_][A-Za-z0-9_.~-]{0,127}$/;
const $ = (selector) => document.querySelector(selector);

const rooms = new Map(); // name -> { items: [], unread, awaiting, divider, present: Set of user ids }
const pending = new Map(); // nonce -> item
let current = null;
let name = null;
let client = null;

main().catch((error) => showState('disconnected', error.message));

async function main() {
  name = await askName();
  $('#me').textContent = `you are ${name}`;
  client = new FanOutClient({ baseUrl: location.origin, hub: HUB, userId: name });
  client.on('message', onMessage);
  client.on('state', onState);
  client.on('recovered', onRecovered);
  client.on('$join', (event) => onRoomEvent(event, 'joined'));
  client.on('$leave', (event) => onRoomEvent(event, 'left'));
  client.on('error', (error) => console.warn('[fanout]', error.message));

  const saved = JSON.parse(localStorage.getItem('fanout-chat-rooms') ?? '[]');
  const wanted = decodeURIComponent(location.hash.slice(1)) || new URLSearchParams(location.search).get('room') || 'general';
  for (const room of new Set([...DEFAULT_ROOMS, ...saved, wanted])) if (ROOM_RULE.test(room)) addRoom(room);
  select(rooms.has(wanted) ? wanted : 'general');

  $('#composer').addEventListener('submit', (e) => {
    e.preventDefault();
    send();
  });
  $('#room-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const room = $('#room-input').value.trim();
    if (!ROOM_RULE.test(room)) {
      $('#room-input').setCustomValidity('Letters, digits and _ - . ~ (up to 128)');
      $('#room-input').reportValidity();
      return;
    }
    $('#room-input').value = '';
    addRoom(room);
    client.join(room).catch((error) => system(room, `Could not join: ${error.message}`));
    select(room);
  });
  $('#room-input').addEventListener('input', () => $('#room-input').setCustomValidity(''));
  window.addEventListener('hashchange', () => {
    const room = decodeURIComponent(location.hash.slice(1));
    if (rooms.has(room)) select(room);
  });

  await client.start();
  await Promise.all([...rooms.keys()].map((room) => client.join(room).catch((error) => system(room, `Could not join: ${error.message}`))));
  $('#text').disabled = false;
  $('#send').disabled = false;
  $('#text').focus();
  refreshPresence();
  setInterval(refreshPresence, 5000);
}

function askName() {
  const given = new URLSearchParams(location.search).get('name') ?? localStorage.getItem('fanout-chat-name');
  if (given && NAME_RULE.test(given)) return Promise.resolve(given);
  const dialog = $('#login');
  dialog.showModal();
  return new Promise((resolve) => {
    $('#login-form').addEventListener('submit', () => {
      const chosen = $('#name').value.trim();
      localStorage.setItem('fanout-chat-name', chosen);
      resolve(chosen);
    });
  });
}

// ---- rooms

function addRoom(room) {
  if (rooms.has(room)) return;
  rooms.set(room, { items: [], unread: 0, awaiting: false, divider: null, present: new Set() });
  localStorage.setItem('fanout-chat-rooms', JSON.stringify([...rooms.keys()].filter((r) => !DEFAULT_ROOMS.includes(r))));
  renderRooms();
}

function select(room) {
  current = room;
  rooms.get(room).unread = 0;
  if (decodeURIComponent(location.hash.slice(1)) !== room) history.replaceState(null, '', `#${encodeURIComponent(room)}`);
  $('#room-title').textContent = `#${room}`;
  $('#recovery').hidden = true;
  renderRooms();
  renderMessages();
  refreshPresence();
}

function renderRooms() {
  drawRooms(rooms, current, select);
}

// ---- messages

function onMessage(envelope, meta) {
  const room = rooms.get(meta.group);
  if (!room) return;
  const data = envelope.data ?? {};
  if (room.awaiting && meta.fromHistory && !room.divider) {
    room.divider = { kind: 'divider', text: 'Missed while you were away' };
    push(meta.group, room.divider);
  }

  const mine = data.user === name;
  const waiting = data.nonce && pending.get(data.nonce);
  if (waiting) {
    pending.delete(data.nonce);
    const at = room.items.indexOf(waiting);
    if (at >= 0) room.items.splice(at, 1);
  }

  push(meta.group, {
    kind: 'message',
    id: envelope.id,
    offset: envelope.offset,
    user: String(data.user ?? 'someone'),
    text: String(data.text ?? ''),
    at: envelope.sentAt,
    mine,
    fromHistory: meta.fromHistory,
  });
  if (waiting && meta.group === current) renderMessages();
  if (meta.group !== current && !mine && !meta.fromHistory) {
    room.unread += 1;
    renderRooms();
  }
}

function onRecovered({ group, recovered, missed, reason }) {
  const room = rooms.get(group);
  if (!room) return;
  if (!recovered) {
    push(group, { kind: 'divider', lost: true, text: reason === 'epoch' ? 'The room’s history was reset: older messages are gone' : 'Some messages are no longer in the history' });
  } else if (room.divider) {
    room.divider.text = `${missed} missed while you were away`;
    if (group === current) renderMessages();
  }

  if (room.awaiting || !recovered) {
    room.lastRecovery = { recovered, missed };
    if (group === current) showRecovery(room.lastRecovery);
  }
  room.awaiting = false;
  room.divider = null;
}

function system(room, text) {
  push(room, { kind: 'system', text });
}

function push(room, item) {
  const state = rooms.get(room);
  if (!state) return;
  state.items.push(item);
  if (state.items.length > 1000) state.items.splice(0, state.items.length - 1000);
  if (room === current) appendItem(item, state.items.at(-2), current, retry);
}

function renderMessages() {
  drawMessages(rooms.get(current)?.items ?? [], current, retry);
}

// ---- sending

function send() {
  const input = $('#text');
  const text = input.value.trim();
  if (!text) return;
  input.value = '';
  const nonce = crypto.getRandomValues(new Uint32Array(2)).join('-');
  const item = { kind: 'message', user: name, text, mine: true, pending: true, room: current, nonce };
  pending.set(nonce, item);
  push(current, item);
  publish(item);
}

function publish(item) {
  client.publish(item.room, 'message', { user: name, text: item.text, nonce: item.nonce }, { retries: 6, ackTimeout: 8000 }).catch((error) => {
    if (!pending.has(item.nonce)) return;
    item.failed = true;
    item.pending = false;
    console.warn('[fanout] not sent:', error.message);
    if (item.room === current) renderMessages();
  });
}

function retry(item) {
  item.failed = false;
  item.pending = true;
  if (item.room === current) renderMessages();
  publish(item);
}

// ---- connection state and presence

function onState(state, info) {
  if (state === 'reconnecting') for (const room of rooms.values()) room.awaiting = true;
  const offline = info?.reason === 'offline' && state !== 'connected';
  showState(state, offline ? 'offline · reconnecting when back' : null);
  if (state === 'connected') refreshPresence();
}

function onRoomEvent(event, verb) {
  const room = rooms.get(event.group);
  if (!room || event.userId === name) return;
  // A reconnect joins again: say so only for someone who was not here.
  const known = room.present.has(event.userId);
  if (verb === 'joined' ? !known : known) system(event.group, `${event.userId} ${verb}`);
  if (verb === 'joined') room.present.add(event.userId);
  else room.present.delete(event.userId);
  if (event.group === current) refreshPresence();
}

/** Who is in each room (for the list, and to tell a new arrival from a reconnect). */
async function refreshPresence() {
  if (!client || client.state !== 'connected' || !current) return;
  await Promise.all([...rooms.keys()].map(async (room) => {
    try {
      const answer = await client.presence(room);
      const users = [...(answer?.users ?? [])].sort((a, b) => a.userId.localeCompare(b.userId));
      rooms.get(room).present = new Set(users.map((u) => u.userId));
      if (room === current) renderPresence(users, name);
    } catch (error) {
      if (room === current) renderPresence(null, name, error);
    }
  }));
}

