// The checker itself: each rule fails on a small bad snippet (fixtures/), and mutating the
// real template to break a rule makes the whole check fail.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadBicepFiles, parseBicep } from './bicep-tree.mjs';
import { checkProject, mainRules, rules } from './bicep-rules.mjs';
import { fixturesDir, infraDir, mainPath, readSampleValues } from './paths.mjs';

const fixture = (name) => parseBicep(readFileSync(join(fixturesDir, name), 'utf8'), join(fixturesDir, name));
const ruleNames = (violations) => [...new Set(violations.map((v) => v.rule))];

const cases = [
  ['parses', 'syntax-error.bicep', rules.parses, /syntax error/],
  ['tagsOnEveryResource', 'untagged.bicep', rules.tagsOnEveryResource, /st \(Microsoft.Storage\/storageAccounts\) has no tags/],
  ['noKeys', 'list-keys.bicep', rules.noKeys, /listKeys\(\)/],
  ['roleAssignments', 'role-name.bicep', rules.roleAssignments, /guid\(scope.id, principalId, roleId\)/],
  ['signalRServerless', 'signalr-default-mode.bicep', rules.signalRServerless, /ServiceMode = Serverless/],
  ['storageNoSharedKey', 'storage-shared-key.bicep', rules.storageNoSharedKey, /allowSharedKeyAccess must be false/],
  ['applicationInsightsNoLocalAuth', 'appinsights-local-auth.bicep', rules.applicationInsightsNoLocalAuth, /DisableLocalAuth/],
  ['parametersDescribed', 'undescribed-param.bicep', rules.parametersDescribed, /environmentName has no @description/],
  ['noWildcardOrigins', 'wildcard-origins.bicep', rules.noWildcardOrigins, /must not contain "\*"/],
  ['outputsUpperSnake', 'main-bad-shape.bicep', mainRules.outputsUpperSnake, /functionAppUrl is not UPPER_SNAKE/],
  ['resourceTokenAndTags', 'main-bad-shape.bicep', mainRules.resourceTokenAndTags, /resourceToken must be/],
];

for (const [rule, name, check, message] of cases) {
  test(`rule ${rule} fails on fixtures/${name}`, () => {
    const violations = check(fixture(name));
    assert.ok(violations.length > 0, `${rule} found nothing in ${name}`);
    assert.ok(violations.every((v) => v.rule === rule));
    assert.ok(violations.some((v) => message.test(v.message)), violations.map((v) => v.message).join('; '));
  });
}

test('noKeys reports every key token of the list-keys fixture', () => {
  const messages = rules.noKeys(fixture('list-keys.bicep')).map((v) => v.message).join('\n');
  assert.match(messages, /key-returning function listKeys\(\)/);
  assert.match(messages, /AccountKey=/);
});

test('storageNoSharedKey reports shared key, public blobs, HTTP and old TLS separately', () => {
  const messages = rules.storageNoSharedKey(fixture('storage-shared-key.bicep')).map((v) => v.message);
  assert.equal(messages.length, 4);
});

test('roleAssignments also rejects a non-ServicePrincipal principalType', () => {
  assert.ok(rules.roleAssignments(fixture('role-name.bicep')).some((v) => /principalType/.test(v.message)));
});

test('resourceTokenAndTags also requires the azd-env-name tag', () => {
  assert.ok(mainRules.resourceTokenAndTags(fixture('main-bad-shape.bicep')).some((v) => /azd-env-name/.test(v.message)));
});

test('good fixtures of one rule do not trip the others', () => {
  // The Default-mode SignalR fixture is tagged, keyless and described: only its own rule fires.
  const file = fixture('signalr-default-mode.bicep');
  const all = Object.values(rules).flatMap((r) => r(file));
  assert.deepEqual(ruleNames(all), ['signalRServerless']);
});

test('a key-based connection-string app setting fails the identity and coverage checks', () => {
  const file = fixture('connection-string-settings.bicep');
  const violations = checkProject([file], { mainPath: file.path, sampleValues: readSampleValues() });
  const messages = violations.filter((v) => v.rule === 'identityConnections').map((v) => v.message);
  assert.ok(messages.includes('AzureWebJobsStorage is set as a connection string; use AzureWebJobsStorage__* settings'), messages.join('; '));
  assert.ok(messages.includes("AzureSignalRConnectionString__credential must be 'managedidentity'"));
  assert.ok(messages.includes('AzureWebJobsStorage__queueServiceUri is missing'));
  const uncovered = violations.filter((v) => v.rule === 'appSettingsCoverSample').map((v) => v.message);
  assert.ok(uncovered.some((m) => m.includes('FanOut__DefaultPageSize')), uncovered.join('; '));
});

// Break the real template in memory, one rule at a time.
const realFiles = () => loadBicepFiles(infraDir);
const mutate = (fileName, from, to) => realFiles().map((f) => {
  if (!f.path.endsWith(fileName)) return f;
  assert.ok(f.text.includes(from), `${fileName} no longer contains ${from}`);
  return parseBicep(f.text.replace(from, to), f.path);
});
const check = (files, sampleValues = readSampleValues()) => ruleNames(checkProject(files, { mainPath, sampleValues }));

const mutations = [
  ['storageNoSharedKey', 'storage.bicep', 'allowSharedKeyAccess: false', 'allowSharedKeyAccess: true'],
  ['signalRServerless', 'signalr.bicep', "value: 'Serverless'", "value: 'Default'"],
  ['signalRServerless', 'signalr.bicep', 'disableLocalAuth: true', 'disableLocalAuth: false'],
  ['applicationInsightsNoLocalAuth', 'monitoring.bicep', 'DisableLocalAuth: true', 'DisableLocalAuth: false'],
  ['tagsOnEveryResource', 'identity.bicep', '  tags: tags\n', ''],
  ['roleAssignments', 'rbac.bicep', 'name: guid(storage.id, principalId, grant.roleDefinitionId)', "name: 'fixed-${grant.role}'"],
  ['noKeys', 'functionapp.bicep', "AzureWebJobsStorage__credential: 'managedidentity'", "AzureWebJobsStorage__credential: 'managedidentity'\n  AzureWebJobsStorage: 'AccountName=x;AccountKey=y'"],
  ['identityConnections', 'functionapp.bicep', "AzureSignalRConnectionString__credential: 'managedidentity'\n", ''],
  ['appSettingsCoverSample', 'main.bicep', '  FanOut__MaxPageSize: string(fanOutMaxPageSize)\n', ''],
  ['diagnostics', 'signalr.bicep', 'scope: signalR\n', 'scope: resourceGroup()\n'],
  ['outputsUpperSnake', 'main.bicep', 'output SIGNALR_ENDPOINT string', 'output signalREndpoint string'],
  ['parametersDescribed', 'main.bicep', "@description('FanOut__MaxPageSize: largest history page a client may ask for (same default as the sample).')\n", ''],
  ['noWildcardOrigins', 'main.bicep', 'param allowedOrigins string[]', "param allowedOrigins string[] = [\n  '*'\n]"],
];

for (const [rule, fileName, from, to] of mutations) {
  test(`breaking ${fileName} (${to.trim().split('\n')[0] || 'removed line'}) fails ${rule}`, () => {
    assert.ok(check(mutate(fileName, from, to)).includes(rule));
  });
}

test('a new FanOut__* key in the settings sample fails until the template sets it', () => {
  const sample = { ...readSampleValues(), FanOut__NewKnob: '1' };
  const violations = checkProject(realFiles(), { mainPath, sampleValues: sample });
  assert.deepEqual(violations.map((v) => `${v.rule}: ${v.message}`), ['appSettingsCoverSample: app settings do not cover FanOut__NewKnob (local.settings.sample.json)']);
});
