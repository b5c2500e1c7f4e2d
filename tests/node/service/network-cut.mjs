// A TCP relay between clients and the SignalR Service stand-in (the connection string's ClientEndpoint
// points here), so a test can take the network away from clients: cut() drops every open connection
// at once, down() keeps refusing new ones until up().
import { createServer, connect } from 'node:net';

export class NetworkCut {
  #server;
  #sockets = new Set();
  #down = false;

  static async start(targetPort) {
    const relay = new NetworkCut();
    relay.#server = createServer((client) => relay.#accept(client, targetPort));
    await new Promise((resolve) => relay.#server.listen(0, '127.0.0.1', resolve));
    relay.port = relay.#server.address().port;
    return relay;
  }

  #accept(client, targetPort) {
    if (this.#down) {
      client.destroy();
      return;
    }

    const upstream = connect({ port: targetPort, host: '127.0.0.1' });
    for (const socket of [client, upstream]) {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
      socket.on('error', () => {});
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  }

  /** Drops every open connection (both ends see a reset). */
  cut() {
    for (const socket of this.#sockets) socket.destroy();
  }

  /** Drops every connection and refuses new ones until up(). */
  down() {
    this.#down = true;
    this.cut();
  }

  up() {
    this.#down = false;
  }

  async stop() {
    this.cut();
    await new Promise((resolve) => this.#server.close(resolve));
  }
}
