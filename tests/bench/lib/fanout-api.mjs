// Everything the benchmark knows about FanOut's API, in one place: connecting a client, joining
// a group (the client's own `join` invocation), publishing (with the sample's development publisher key).
// peer-api.mjs exports the same four names for the Socket.IO peer.
import { HubConnectionBuilder, LogLevel } from '@microsoft/signalr';
import { expectStatus } from './http.mjs';

export const label = 'FanOut local host';

/** Connects one @microsoft/signalr client to the hub; `handler(envelope)` runs for every `event`. */
export async function connect(base, hub, event, handler) {
  const connection = new HubConnectionBuilder()
    .withUrl(`${base}/api/hubs/${hub}`) // POSTs .../negotiate, then follows {url, accessToken}
    .configureLogging(LogLevel.Warning)
    .build();
  connection.on(event, handler);
  await connection.start();
  return { id: connection.connectionId, connection, close: () => connection.stop() };
}

export async function join(base, hub, client, group) {
  await client.connection.invoke('join', group);
}

const publisher = { authorization: 'Bearer local-dev-publisher-key' };

/** Resolves once the service has accepted the message (202: it is in the delivery queue). */
export async function publish(base, hub, group, event, data) {
  await expectStatus(202, 'POST', `${base}/api/hubs/${hub}/groups/${group}/messages`, { event, data }, publisher);
}
