// One schema: queue/table/container/connection names in FanOutNames.cs, routes in ApiRoutes.cs,
// the hub policy options classes, the Bicep template and local.settings.sample.json agree; the
// template's app settings cover the sample's keys.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { declarations, loadBicepFiles, modules, property, propertyPath, resources, stringShape, unwrap } from './bicep-tree.mjs';
import { COMPUTED_SETTINGS, LOCAL_ONLY_SETTINGS, Project, uncoveredSettings } from './bicep-rules.mjs';
import { readStringConstants } from './csharp-constants.mjs';
import { bicepShape, bicepValue, csharpShape, hubPolicySettings, propertiesOfKind, shapeAllows } from './hub-policy-type.mjs';
import { coreDir, apiRoutesPath, fanOutNamesPath, infraDir, mainPath, readSampleValues } from './paths.mjs';

const names = readStringConstants(readFileSync(fanOutNamesPath, 'utf8'));
const files = loadBicepFiles(infraDir);
const project = new Project(files, mainPath);
const main = project.main;
const storage = files.find((f) => basename(f.path) === 'storage.bicep');
const hubTypes = files.find((f) => basename(f.path) === 'hub-policies.bicep');
const routes = readStringConstants(readFileSync(apiRoutesPath, 'utf8'));
const hubPrefix = COMPUTED_SETTINGS.get('hubSettings').prefix;
const isHubSetting = (key) => key.startsWith(hubPrefix);
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
  for (const key of ['DeliveryQueue', 'PoisonQueue', 'HistoryTable', 'IdempotencyTable', 'PresenceTable', 'PayloadContainer', 'StorageConnection', 'SignalRConnection']) {
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
  assert.deepEqual(uncoveredSettings(sample, project.appSettings(), project.computedSettings()), []);
  for (const key of LOCAL_ONLY_SETTINGS.keys()) {
    assert.ok(!project.appSettings().has(key), `${key} is local-only: ${LOCAL_ONLY_SETTINGS.get(key)}`);
  }
});

test('FanOut__* defaults in main.bicep equal the sample values', () => {
  const sample = readSampleValues();
  const parameters = declarations(main, 'parameter_declaration');
  const appOptions = unwrap(declarations(main, 'variable_declaration').find((v) => v.name === 'appOptions').value);
  const fixedKeys = Object.keys(sample).filter((k) => k.startsWith('FanOut__') && !isHubSetting(k) && !LOCAL_ONLY_SETTINGS.has(k) && k !== 'FanOut__AppServiceAuthentication');
  for (const key of fixedKeys) {
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
  // Easy Auth is off by default, as in the sample.
  const clientId = parameters.find((p) => p.name === 'appServiceAuthenticationClientId');
  assert.equal(clientId.value.text, "''");
  assert.equal(sample.FanOut__AppServiceAuthentication, 'false');
});

test('the Bicep hub policy type has exactly the properties of the C# options classes', () => {
  assert.deepEqual(bicepShape(hubTypes, 'hubPolicy'), csharpShape(coreDir, 'HubPolicyOptions'));
});

test('every hub setting of the sample can be written as a hubPolicies value', () => {
  const shape = bicepShape(hubTypes, 'hubPolicy');
  const hubKeys = Object.keys(readSampleValues()).filter(isHubSetting);
  assert.ok(hubKeys.length > 0);
  for (const key of hubKeys) {
    const [, ...path] = key.slice(hubPrefix.length).split('__');
    assert.ok(shapeAllows(shape, path), key);
  }
  assert.ok(!shapeAllows(shape, ['Join', 'Group', '0']), 'a misspelt option is not expressible');
  assert.ok(!shapeAllows(shape, ['Join', 'Groups', 'first']), 'list entries are numbered');
});

test('the default hub policies: a chat hub, anonymous connect, any group, members read history and publish, no key', () => {
  const hubPolicies = declarations(main, 'parameter_declaration').find((p) => p.name === 'hubPolicies');
  const settings = hubPolicySettings(bicepValue(hubPolicies.value));
  assert.deepEqual(settings, {
    FanOut__Hubs__chat__Publish__Members: 'true',
    FanOut__Hubs__chat__Connect__Anonymous: 'true',
    FanOut__Hubs__chat__Join__Groups__0: '*',
    FanOut__Hubs__chat__History__Readers: 'Members',
  });
  // The same values the sample gives the chat hub locally (where it also has a development key).
  const sample = readSampleValues();
  for (const [key, value] of Object.entries(settings)) assert.equal(sample[key], value, key);
});

test('main.bicep flattens hubPolicies into FanOut__Hubs__ settings and passes them to the app', () => {
  const variable = (name) => declarations(main, 'variable_declaration').find((v) => v.name === name);
  assert.equal(stringShape(variable('hubPrefix').value), hubPrefix);
  // The sections it descends into are exactly the object-valued options of a hub policy.
  const shape = bicepShape(hubTypes, 'hubPolicy');
  const sections = Object.keys(shape.props).filter((name) => shape.props[name].kind === 'object');
  assert.deepEqual(bicepValue(variable('hubSections').value), sections);
  // Options written one setting per entry: maps of values (Keys, Claims) and lists (Groups, Secrets).
  assert.deepEqual(new Set(bicepValue(variable('hubMapOptions').value)), propertiesOfKind(shape, 'map'));
  assert.deepEqual(new Set(bicepValue(variable('hubListOptions').value)), propertiesOfKind(shape, 'list'));
  assert.ok(Object.keys(shape.props).includes('Webhooks') && variable('hubWebhookOptions'), 'webhook sources are flattened');
  assert.match(variable('hubSettings').value.text, /^toObject\(/);
  assert.match(variable('hubOptions').value.text, /items\(hubPolicies\)/);
  const appModule = modules(main).find((m) => basename(m.target) === 'functionapp.bicep');
  assert.match(property(propertyPath(appModule.body, 'params'), 'appOptions').text, /\bhubSettings\b/);
});

test('the upstream URL is the route ApiRoutes.cs maps', () => {
  const signalr = files.find((f) => basename(f.path) === 'signalr.bicep');
  const upstream = declarations(signalr, 'variable_declaration').find((v) => v.name === 'upstreamTemplate').value;
  const url = stringShape(property(upstream, 'urlTemplate'));
  assert.equal(url, `https://{}/${routes.Prefix}/${routes.Upstream}`);
});

test('the claim-check container name is the one the code will use', () => {
  assert.deepEqual(bicepName('payloadContainer'), [names.PayloadContainer]);
  const storageParams = propertyPath(storageModule.body, 'params');
  assert.equal(property(storageParams, 'payloadContainerName').text, 'fanOutNames.payloadContainer');
});
