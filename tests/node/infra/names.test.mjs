// One schema: queue/table/connection names in FanOutNames.cs, the Bicep template and
// local.settings.sample.json agree; the template's app settings cover the sample's keys.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { declarations, loadBicepFiles, modules, property, propertyPath, resources, unwrap } from './bicep-tree.mjs';
import { isLocalOnly, LOCAL_ONLY_SETTINGS, Project, uncoveredSettings } from './bicep-rules.mjs';
import { readStringConstants } from './csharp-constants.mjs';
import { fanOutNamesPath, infraDir, mainPath, readSampleValues } from './paths.mjs';

const names = readStringConstants(readFileSync(fanOutNamesPath, 'utf8'));
const files = loadBicepFiles(infraDir);
const project = new Project(files, mainPath);
const main = project.main;
const storage = files.find((f) => basename(f.path) === 'storage.bicep');
const fanOutNames = unwrap(declarations(main, 'variable_declaration').find((v) => v.name === 'fanOutNames').value);
const bicepName = (key) => project.stringValues(property(fanOutNames, key), main);
const storageModule = modules(main).find((m) => m.target === storage.path);
const passedToStorage = (param) => {
  const list = unwrap(property(propertyPath(storageModule.body, 'params'), param));
  return list.namedChildren.flatMap((item) => project.stringValues(item, main));
};

test('the C# constant reader evaluates literals and concatenations', () => {
  const read = readStringConstants('public const string A = "a"; public const string B = A + "-b"; const string C = "x";');
  assert.deepEqual(read, { A: 'a', B: 'a-b' });
  assert.throws(() => readStringConstants('public const string B = Missing + "x";'), /unknown part Missing/);
});

test('FanOutNames.cs declares the names the template mirrors', () => {
  for (const key of ['DeliveryQueue', 'PoisonQueue', 'HistoryTable', 'IdempotencyTable', 'PresenceTable', 'StorageConnection', 'SignalRConnection']) {
    assert.equal(typeof names[key], 'string', key);
  }
  assert.equal(names.PoisonQueue, `${names.DeliveryQueue}-poison`);
});

test('queue and table names in main.bicep equal FanOutNames.cs', () => {
  assert.deepEqual(bicepName('deliveryQueue'), [names.DeliveryQueue]);
  assert.deepEqual(bicepName('poisonQueue'), [names.PoisonQueue]);
  assert.deepEqual(bicepName('historyTable'), [names.HistoryTable]);
  assert.deepEqual(bicepName('idempotencyTable'), [names.IdempotencyTable]);
  assert.deepEqual(bicepName('presenceTable'), [names.PresenceTable]);
});

test('the storage module creates exactly those queues and tables', () => {
  assert.deepEqual(passedToStorage('queueNames'), [names.DeliveryQueue, names.PoisonQueue]);
  assert.deepEqual(passedToStorage('tableNames'), [names.HistoryTable, names.IdempotencyTable, names.PresenceTable]);
  const loops = resources(storage).filter((r) => r.type.endsWith('/queues') || r.type.endsWith('/tables'));
  assert.deepEqual(loops.map((r) => r.decl.namedChildren.at(-1).namedChildren[1].text).sort(), ['queueNames', 'tableNames']);
});

test('the settings sample declares both connections under the names the code uses', () => {
  const sample = readSampleValues();
  assert.ok(names.StorageConnection in sample, names.StorageConnection);
  assert.ok(names.SignalRConnection in sample, names.SignalRConnection);
});

test('app settings use the code\'s connection names for identity-based connections', () => {
  const settings = project.appSettings();
  for (const connection of [names.StorageConnection, names.SignalRConnection]) {
    assert.deepEqual(settings.get(`${connection}__credential`), ['managedidentity'], connection);
    assert.ok(settings.has(`${connection}__clientId`), `${connection}__clientId`);
  }
  for (const endpoint of ['queueServiceUri', 'tableServiceUri', 'blobServiceUri']) {
    assert.ok(settings.has(`${names.StorageConnection}__${endpoint}`), endpoint);
  }
  assert.ok(settings.has(`${names.SignalRConnection}__serviceUri`));
});

test('app settings cover every key of local.settings.sample.json except the local-only ones', () => {
  const sample = readSampleValues();
  assert.deepEqual(uncoveredSettings(sample, project.appSettings()), []);
  for (const key of LOCAL_ONLY_SETTINGS.keys()) {
    assert.ok(!project.appSettings().has(key), `${key} is local-only: ${LOCAL_ONLY_SETTINGS.get(key)}`);
  }
});

test('FanOut__* defaults in main.bicep equal the sample values', () => {
  const sample = readSampleValues();
  const parameters = declarations(main, 'parameter_declaration');
  const appOptions = unwrap(declarations(main, 'variable_declaration').find((v) => v.name === 'appOptions').value);
  for (const key of Object.keys(sample).filter((k) => k.startsWith('FanOut__') && !isLocalOnly(k))) {
    const value = unwrap(property(appOptions, key));
    assert.ok(value, `appOptions.${key}`);
    // string(paramName) or paramName -> that parameter's default literal.
    const paramName = value.type === 'call_expression' ? value.childForFieldName('arguments').namedChildren[0].text : value.text;
    const parameter = parameters.find((p) => p.name === paramName);
    const fallback = !parameter || parameter.value.type === 'type' ? undefined
      : parameter.value.type === 'string' ? project.stringValues(parameter.value, main)[0] : parameter.value.text;
    const literal = project.stringValues(value, main)[0];
    assert.equal(fallback ?? literal, sample[key], key);
  }
});
