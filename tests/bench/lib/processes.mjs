// Every process the benchmark starts is tracked here and stopped by its PID: at the end, on an
// error and on Ctrl-C. Services listen on free loopback ports.
import { spawn, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { request } from './http.mjs';
import { sleep } from './clock.mjs';

const children = new Map(); // pid -> { name, child, output }
const tempDirs = [];
let stopping = false;

/** A fresh temporary directory, removed by stopAll. */
export function tempDir(prefix) {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

/** Starts a service; keeps the last lines of its output to show if something goes wrong. */
export function startService(name, command, args, env = {}) {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  return track(name, child);
}

/** Forks a Node worker (a file URL under workers/) with an IPC channel. */
export function forkWorker(name, url) {
  return track(name, fork(fileURLToPath(url), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
}

function track(name, child) {
  const output = [];
  const keep = (chunk) => {
    output.push(...chunk.toString().split('\n').filter(Boolean));
    output.splice(0, Math.max(0, output.length - 40));
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  children.set(child.pid, { name, child, output });
  child.on('exit', (code, signal) => {
    children.delete(child.pid);
    // A service that dies mid-run explains the failure that follows; say so at once.
    if (!stopping && (code || signal)) {
      console.error(`!! ${name} (pid ${child.pid}) exited unexpectedly: ${signal ?? `code ${code}`}\n${output.slice(-10).join('\n')}`);
    }
  });
  return child;
}

export function outputOf(child) {
  return children.get(child.pid)?.output.join('\n') ?? '';
}

/** SIGTERM each tracked process, SIGKILL what is still alive after 5 s. */
export async function stopAll() {
  stopping = true;
  await stop(...children.keys());
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** SIGTERM these tracked processes, SIGKILL those still alive after 5 s; their exit is expected. */
export async function stop(...pids) {
  for (const pid of pids) {
    children.get(pid)?.child.removeAllListeners('exit').on('exit', () => children.delete(pid));
    signal(pid, 'SIGTERM');
  }
  const deadline = Date.now() + 5000;
  while (pids.some((pid) => children.has(pid)) && Date.now() < deadline) await sleep(50);
  for (const pid of pids.filter((p) => children.has(p))) signal(pid, 'SIGKILL');
}

function signal(pid, name) {
  try {
    process.kill(pid, name);
  } catch {
    // Already gone.
  }
}

// Last resort if the benchmark dies without reaching stopAll.
process.on('exit', () => {
  for (const pid of children.keys()) signal(pid, 'SIGKILL');
});

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Waits until GET url answers 200; fails early if the process exits. */
export async function waitForHttp(url, child, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`process exited (${child.exitCode}) before ${url} answered:\n${outputOf(child)}`);
    try {
      if ((await request('GET', url)).status === 200) return;
    } catch {
      // Not listening yet.
    }
    await sleep(100);
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs / 1000} s:\n${outputOf(child)}`);
}

/** Waits until a TCP port accepts connections (Azurite has no health route). */
export async function waitForPort(port, child, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`process exited (${child.exitCode}) before port ${port} opened:\n${outputOf(child)}`);
    const open = await new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => { socket.end(); resolve(true); });
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    await sleep(100);
  }
  throw new Error(`port ${port} did not open within ${timeoutMs / 1000} s:\n${outputOf(child)}`);
}
