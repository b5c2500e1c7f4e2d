// Starts the services under test on free loopback ports: Azurite; FanOut as it runs on Azure, in
// processes of its own (Azurite's services, the SignalR Service stand-in, the local host); the Socket.IO +
// SQLite peer.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, startService, stop, tempDir, waitForHttp, waitForPort } from './processes.mjs';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const devKey = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

/**
 * Azurite as the local host's AzuriteProcess starts it: one process per service, each with the preload that
 * fixes costs growing with the data held (see the file) and the same flags. `extraArgs`: more Azurite
 * options for every service, e.g. ['--debug', file] for a request log.
 */
export async function startAzurite(extraArgs = []) {
  const ports = { blob: await freePort(), queue: await freePort(), table: await freePort() };
  const children = Object.entries(ports).map(([service, port]) => startService(`azurite-${service}`, process.execPath, [
    '--require', path.join(root, 'functions/azurite/preload.cjs'),
    path.join(root, `functions/azurite/node_modules/azurite/dist/src/${service}/main.js`),
    `--${service}Host`, '127.0.0.1', `--${service}Port`, port,
    '--inMemoryPersistence', '--silent', '--disableTelemetry', '--skipApiVersionCheck', ...extraArgs,
  ].map(String)));
  await Promise.all(Object.values(ports).map((port, i) => waitForPort(port, children[i])));
  const endpoint = (port) => `http://127.0.0.1:${port}/devstoreaccount1`;
  const connectionString = `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${devKey};`
    + `BlobEndpoint=${endpoint(ports.blob)};QueueEndpoint=${endpoint(ports.queue)};TableEndpoint=${endpoint(ports.table)};`;
  return { pids: children.map((child) => child.pid), connectionString };
}

/** An open hub without a rate limit, publishing with the sample's development key. */
const benchHub = (name) => ({
  [`FanOut__Hubs__${name}__Publish__Keys__dev`]: 'sha256:1b662195cdb8ffdc62782e7ab06a00ee5fd481abb05ee22c4782cf9ae3d37c07',
  [`FanOut__Hubs__${name}__Connect__Anonymous`]: 'true',
  [`FanOut__Hubs__${name}__Join__Groups__0`]: '*',
});

const hostDll = path.join(root, 'functions/FanOut.LocalHost/bin/Release/net10.0/FanOut.LocalHost.dll');
const accessKey = 'BENCH-ACCESS-KEY-0123456789abcdefghijklmnopqrstuvwxyz';

/**
 * FanOut in processes of its own, as on Azure, where Azure SignalR Service serves the clients: a fresh Azurite,
 * the SignalR Service stand-in (`FanOut.LocalHost signalr`) and the local host, which finds the stand-in
 * answering and starts none. `stop()` ends them all. `azuriteArgs`: see startAzurite.
 */
export async function startFanOut(azuriteArgs = []) {
  const azurite = await startAzurite(azuriteArgs);
  const [port, signalRPort] = [await freePort(), await freePort()];
  const base = `http://127.0.0.1:${port}`;
  const signalR = `Endpoint=http://127.0.0.1:${signalRPort};AccessKey=${accessKey};Version=1.0;`;
  const standIn = startService('SignalR stand-in', 'dotnet', [hostDll, 'signalr'], {
    AzureSignalRConnectionString: signalR,
    LocalHost__SignalRUpstream: `${base}/api/upstream/{hub}/{category}/{event}`,
    Logging__LogLevel__Default: 'Warning',
  });
  await waitForPort(signalRPort, standIn);
  const host = startService('FanOut.LocalHost', 'dotnet', [hostDll, '--urls', base], {
    ASPNETCORE_ENVIRONMENT: 'Development',
    AzureWebJobsStorage: azurite.connectionString,
    AzureSignalRConnectionString: signalR,
    LocalHost__StartAzurite: 'false',
    LocalHost__StartSignalR: 'false',
    Logging__LogLevel__Default: 'Warning',
    ...benchHub('bench'),
    ...benchHub('ops'),
  });
  await waitForHttp(`${base}/api/health`, host);
  const pids = { host: host.pid, signalR: standIn.pid, azurite: azurite.pids };
  return { base, pids, connectionString: azurite.connectionString, stop: () => stop(...Object.values(pids).flat()) };
}

export async function startPeer() {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const dbPath = path.join(tempDir('fanout-bench-peer-'), 'peer.db');
  const child = startService('socket.io peer', process.execPath,
    [fileURLToPath(new URL('../peer/server.mjs', import.meta.url))], { PORT: String(port), DB_PATH: dbPath });
  await waitForHttp(`${base}/health`, child);
  return { pid: child.pid, base, dbPath };
}
