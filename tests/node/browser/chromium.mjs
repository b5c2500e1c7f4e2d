// The system Chromium (Debian's `chromium`), driven by playwright-core: never a downloaded browser. Each
// context gets a fresh user-data dir. Where Chromium is missing, CI fails (tests/run.sh installs it there)
// and a developer's run skips the browser tests, saying why.
import { chromium } from 'playwright-core';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
];

/** Why the browser tests cannot run here (null when they can); in CI a missing Chromium is an error, not a skip. */
export function missingBrowser() {
  if (existsSync(CHROMIUM)) return null;
  const message = `${CHROMIUM} is missing (apt-get install -y chromium; tests/run.sh does it when CI=true)`;
  if (process.env.CI === 'true') throw new Error(`Browser tests cannot run: ${message}`);
  return message;
}

/** A headless Chromium with its own fresh profile; close() removes the profile. */
export async function launch(viewport = { width: 1200, height: 780 }) {
  const profile = mkdtempSync(join(tmpdir(), 'fanout-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS, viewport });
  const page = context.pages()[0] ?? (await context.newPage());
  const problems = [];
  page.on('pageerror', (error) => problems.push(error.message));
  return {
    context,
    page,
    problems,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
