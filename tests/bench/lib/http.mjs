// A minimal keep-alive HTTP client. node:http costs the load generator far less CPU per request
// than fetch (undici), which matters on a 2-core machine shared with the system under test.
import http from 'node:http';

// Enough sockets that a fixed-rate run never queues inside the agent (a queued request would
// count its wait as service latency, but so would a real client's).
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

/** Sends one request; resolves to { status, body } for any status, rejects on network errors. */
export function request(method, url, json, extraHeaders = {}) {
  const body = json === undefined ? '' : JSON.stringify(json);
  const headers = { ...extraHeaders, 'content-length': Buffer.byteLength(body) };
  if (json !== undefined) headers['content-type'] = 'application/json';
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, agent, headers }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Like request, but throws unless the answer has the expected status. */
export async function expectStatus(expected, method, url, json, headers) {
  const { status, body } = await request(method, url, json, headers);
  if (status !== expected) throw new Error(`${method} ${url}: ${status} (expected ${expected}) ${body.slice(0, 200)}`);
  return body;
}
