// The chat page's drawing: rooms, messages, who is here, the connection state and the recovery badge.
// Everything user-written goes in through textContent.
const $ = (selector) => document.querySelector(selector);

export function colorOf(text) {
  let hash = 0;
  for (const c of text) hash = (hash * 31 + c.codePointAt(0)) >>> 0;
  return `hsl(${hash % 360} 55% 48%)`;
}

function avatar(user) {
  const node = document.createElement('span');
  node.className = 'avatar';
  node.textContent = user.slice(0, 1);
  node.style.background = colorOf(user);
  return node;
}

/** The room list with unread counts; `onSelect(room)` on a click. */
export function renderRooms(rooms, current, onSelect) {
  $('#rooms').replaceChildren(...[...rooms].map(([room, state]) => {
    const li = document.createElement('li');
    li.classList.toggle('current', room === current);
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset.room = room;
    button.append(`#${room}`);
    if (state.unread) {
      const badge = document.createElement('span');
      badge.className = 'badge';
      badge.textContent = state.unread;
      button.append(badge);
    }
    button.addEventListener('click', () => onSelect(room));
    li.append(button);
    return li;
  }));
}

/** Every item of the room shown, scrolled to the end; `onRetry(item)` on a click on a message not sent. */
export function renderMessages(items, room, onRetry) {
  const list = $('#messages');
  list.replaceChildren();
  items.forEach((item, i) => appendItem(item, items[i - 1], room, onRetry, false));
  list.scrollTop = list.scrollHeight;
}

/** One message, divider or system line at the end of the list (scrolling along if the reader was at the end). */
export function appendItem(item, previous, room, onRetry, scroll = true) {
  const list = $('#messages');
  const nearBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 80;
  const li = document.createElement('li');
  if (item.kind === 'message') {
    li.className = 'message';
    li.classList.toggle('mine', item.mine);
    li.classList.toggle('pending', Boolean(item.pending));
    li.classList.toggle('failed', Boolean(item.failed));
    if (previous?.kind === 'message' && previous.user === item.user && !item.pending) li.classList.add('continued');
    if (item.id) li.dataset.id = item.id;
    if (item.offset) li.dataset.offset = item.offset;
    li.dataset.room = room;
    const who = document.createElement('div');
    who.className = 'who';
    who.textContent = item.user;
    const time = document.createElement('time');
    time.textContent = item.at ? new Date(item.at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : '';
    who.append(time);
    const text = document.createElement('div');
    text.className = 'text';
    text.textContent = item.text;
    li.append(avatar(item.user), who, text);
    if (item.failed) li.addEventListener('click', () => onRetry(item), { once: true });
  } else {
    li.className = item.kind;
    li.classList.toggle('lost', Boolean(item.lost));
    li.textContent = item.text;
  }

  list.append(li);
  if (scroll && (nearBottom || item.mine)) list.scrollTop = list.scrollHeight;
}

/** Who is here (null users: presence failed with `error`). */
export function renderPresence(users, me, error) {
  const list = $('#presence');
  if (!users) {
    const li = document.createElement('li');
    li.className = 'muted';
    li.textContent = error?.code === 'not_found' ? 'Presence is not offered by this service.' : 'Presence unavailable right now.';
    list.replaceChildren(li);
    return;
  }

  list.replaceChildren(...users.map((user) => {
    const li = document.createElement('li');
    li.dataset.user = user.userId;
    const label = document.createElement('span');
    label.textContent = user.userId === me ? `${user.userId} (you)` : user.userId;
    li.append(avatar(user.userId), label);
    if (user.connections > 1) {
      const count = document.createElement('span');
      count.className = 'count muted';
      count.textContent = `×${user.connections}`;
      li.append(count);
    }
    return li;
  }));
  if (!users.length) list.innerHTML = '<li class="muted">nobody yet</li>';
}

/** The outcome of the last catch-up after a reconnect, for the room shown. */
export function showRecovery({ recovered, missed }) {
  const badge = $('#recovery');
  badge.hidden = false;
  badge.dataset.recovered = String(recovered);
  badge.dataset.missed = String(missed);
  badge.textContent = recovered
    ? (missed ? `Back online · ${missed} missed message${missed === 1 ? '' : 's'} recovered` : 'Back online · nothing missed')
    : 'Back online · some messages were lost';
}

export function showState(state, text) {
  const pill = $('#state');
  pill.dataset.state = state;
  pill.textContent = text ?? { connecting: 'connecting…', connected: 'connected', reconnecting: 'reconnecting…', disconnected: 'disconnected' }[state] ?? state;
}
