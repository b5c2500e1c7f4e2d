// Repository paths the infra checks read.
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { readFileSync, readdirSync } from 'node:fs';

export const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = join(here, '..', '..', '..');
export const infraDir = join(repoRoot, 'infra');
export const mainPath = join(infraDir, 'main.bicep');
export const fixturesDir = join(here, 'fixtures');
export const sampleSettingsPath = join(repoRoot, 'local.settings.sample.json');
export const fanOutNamesPath = join(repoRoot, 'functions', 'FanOut.Core', 'FanOutNames.cs');
export const apiRoutesPath = join(repoRoot, 'functions', 'FanOut.Api', 'ApiRoutes.cs');
export const coreDir = join(repoRoot, 'functions', 'FanOut.Core');

export const readSampleValues = () => JSON.parse(readFileSync(sampleSettingsPath, 'utf8')).Values;

/** Every deployment parameters file under infra/ (*.parameters.json) as { path, json }. */
export const readParameterFiles = () => readdirSync(infraDir, { recursive: true })
  .filter((name) => name.endsWith('.parameters.json'))
  .map((name) => ({ path: join(infraDir, name), json: JSON.parse(readFileSync(join(infraDir, name), 'utf8')) }));
