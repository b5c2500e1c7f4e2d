// The service as a newcomer runs it, for Node tests: an in-memory Azurite (functions/azurite) and the local
// host's build output (which starts its SignalR Service stand-in), each on a free loopback port, stopped
// by PID. Clients reach the stand-in through a relay (`network`) that a test can cut. Settings come from
// the committed local.settings.sample.json (the open `chat` hub and its development keys) plus
// `settings`, as environment variables.
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, isListening, waitUntil } from './ports.mjs';
import { HistoryTable } from './history-table.mjs';
import { NetworkCut } from './network-cut.mjs';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** The sample's development key: publisher of `chat` and `news`, and the admin key. */
export const DEV_KEY = 'local-dev-publisher-key';

const AZURITE_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const SIGNALR_KEY = 'NODE-TEST-ACCESS-KEY-0123456789abcdefghijklmnopqrstuvwxyz';

/** The host's build output: Release (what tests/run.sh builds) unless only Debug exists or FANOUT_CONFIGURATION says. */
function hostAssembly() {
  const candidates = [process.env.FANOUT_CONFIGURATION, 'Release', 'Debug'].filter(Boolean)
    .map((c) => join(repoRoot, 'functions', 'FanOut.LocalHost', 'bin', c, 'net10.0', 'FanOut.LocalHost.dll'))
    .filter((path) => existsSync(path));
  if (!candidates.length) throw new Error('Build the local host first (dotnet build Serverless.sln -c Release; tests/run.sh does).');
  return process.env.FANOUT_CONFIGURATION ? candidates[0] : candidates.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
}

class ChildProcess {
  constructor(name, command, args, options) {
    this.name = name;
    this.output = [];
    this.child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    for (const stream of [this.child.stdout, this.child.stderr]) {
      stream.setEncoding('utf8');
      stream.on('data', (text) => {
        this.output.push(text);
        if (this.output.length > 2000) this.output.splice(0, 1000);
      });
    }
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve({ code, signal })));
    // If the test process ends without stopping it (a crash, a closed pipe), do not leave it running.
    const orphanGuard = () => this.child.kill('SIGKILL');
    process.once('exit', orphanGuard);
    this.child.once('exit', () => process.off('exit', orphanGuard));
  }

  get running() {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  text() {
    return this.output.join('');
  }

  async stop() {
    if (!this.running) return;
    this.child.kill('SIGKILL');
    await this.exited;
  }
}

export class LocalService {
  static async start({ settings = {} } = {}) {
    const service = new LocalService();
    try {
      await service.#start(settings);
    } catch (error) {
      await service.stop();
      throw error;
    }
    return service;
  }

  async #start(settings) {
    const [blob, queue, table, signalr, http] = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort()]);
    this.azurite = new ChildProcess('azurite', process.execPath, [
      join(repoRoot, 'functions', 'azurite', 'node_modules', 'azurite', 'dist', 'src', 'azurite.js'),
      '--blobHost', '127.0.0.1', '--blobPort', String(blob),
      '--queueHost', '127.0.0.1', '--queuePort', String(queue),
      '--tableHost', '127.0.0.1', '--tablePort', String(table),
      '--inMemoryPersistence', '--silent', '--disableTelemetry', '--skipApiVersionCheck',
    ], { cwd: repoRoot });
    await waitUntil(async () => (await isListening(queue)) && (await isListening(table)), 30_000, 'Azurite listening');

    this.network = await NetworkCut.start(signalr);
    this.baseUrl = `http://127.0.0.1:${http}`;
    this.table = new HistoryTable(table);
    const endpoint = (port) => `http://127.0.0.1:${port}/devstoreaccount1`;
    const environment = {
      ...process.env,
      ASPNETCORE_ENVIRONMENT: 'Development',
      AzureWebJobsStorage: `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${AZURITE_KEY};`
        + `BlobEndpoint=${endpoint(blob)};QueueEndpoint=${endpoint(queue)};TableEndpoint=${endpoint(table)};`,
      AzureSignalRConnectionString: `Endpoint=http://127.0.0.1:${signalr};ClientEndpoint=http://127.0.0.1:${this.network.port};`
        + `AccessKey=${SIGNALR_KEY};Version=1.0;`,
      LocalHost__StartAzurite: 'false',
      LocalHost__StartSignalR: 'true',
      Host__CORS: this.baseUrl,
      Logging__Console__FormatterName: 'simple',
      ...settings,
    };
    this.host = new ChildProcess('host', 'dotnet', [hostAssembly(), '--urls', this.baseUrl], {
      cwd: join(repoRoot, 'functions', 'FanOut.LocalHost'),
      env: environment,
    });
    await waitUntil(async () => {
      if (!this.host.running) throw new Error(`The local host exited:\n${this.host.text()}`);
      try {
        return (await fetch(`${this.baseUrl}/api/health`)).ok;
      } catch {
        return false;
      }
    }, 90_000, `The local host answering at ${this.baseUrl}/api/health`);
  }

  /** POST /api/hubs/{hub}/groups/{group}/messages as the development publisher. */
  async publish(hub, group, event, data, { idempotencyKey, extra = {} } = {}) {
    const response = await fetch(`${this.baseUrl}/api/hubs/${hub}/groups/${group}/messages`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${DEV_KEY}`,
        ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
      },
      body: JSON.stringify({ event, data, ...extra }),
    });
    const body = await response.json();
    if (response.status !== 202) throw new Error(`publish answered ${response.status}: ${JSON.stringify(body)}`);
    return body;
  }

  /** POST /api/hubs/{hub}/messages: several groups (`{ groups }`), one user (`{ user }`), or (neither) the whole hub. */
  async publishToHub(hub, event, data, targets = {}) {
    const response = await fetch(`${this.baseUrl}/api/hubs/${hub}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${DEV_KEY}` },
      body: JSON.stringify({ event, data, ...targets }),
    });
    const body = await response.json();
    if (response.status !== 202) throw new Error(`publish answered ${response.status}: ${JSON.stringify(body)}`);
    return body;
  }

  /** GET the group's whole history as the development publisher. */
  async history(hub, group, after = 0) {
    const response = await fetch(`${this.baseUrl}/api/hubs/${hub}/groups/${group}/messages?after=${after}&limit=1000`, {
      headers: { authorization: `Bearer ${DEV_KEY}` },
    });
    if (!response.ok) throw new Error(`history answered ${response.status}`);
    return response.json();
  }

  /** Waits until the group's history holds `count` messages (delivery is asynchronous). */
  async waitForHistory(hub, group, count, timeoutMs = 20_000) {
    let page;
    await waitUntil(async () => {
      page = await this.history(hub, group);
      return page.messages.length >= count;
    }, timeoutMs, `${count} messages in ${hub}/${group}`);
    return page;
  }

  async stop() {
    await this.host?.stop();
    await this.network?.stop();
    await this.azurite?.stop();
  }
}

export const uniqueGroup = (prefix = 'g') => `${prefix}${Math.random().toString(16).slice(2, 14)}`;
