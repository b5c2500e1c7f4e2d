// The checker itself: each rule fails on a small bad snippet (fixtures/), and mutating the
// real template to break a rule makes the whole check fail.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadBicepFiles, parseBicep } from './bicep-tree.mjs';
import { checkProject, mainRules, Project, rules } from './bicep-rules.mjs';
import { easyAuthViolations } from './easy-auth.mjs';
import { bicepShape, csharpShape } from './hub-policy-type.mjs';
import { parameterFileViolations, publisherKeyProblem } from './secret-settings.mjs';
import { coreDir, fixturesDir, infraDir, mainPath, readParameterFiles, readSampleValues } from './paths.mjs';

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
  ['publisherKeys', 'plain-publisher-key.bicep', rules.publisherKeys, /Keys\.ops looks like a plain key/],
  ['webhookSecrets', 'plain-webhook-secret.bicep', rules.webhookSecrets, /gh\.Secrets\[0\] must be a Key Vault reference/],
  ['upstreamManagedIdentity', 'upstream-key-in-url.bicep', rules.upstreamManagedIdentity, /auth\.type must be 'ManagedIdentity'/],
  ['keyVaultRbac', 'keyvault-access-policies.bicep', rules.keyVaultRbac, /enableRbacAuthorization must be true/],
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

test('publisherKeys accepts only sha256:<64 hex> and Key Vault references', () => {
  const messages = rules.publisherKeys(fixture('plain-publisher-key.bicep')).map((v) => v.message);
  assert.deepEqual(messages, [
    'publisher key Keys.ops looks like a plain key (use sha256:<hex> or @Microsoft.KeyVault(SecretUri=...))',
    'publisher key Keys.ci is not sha256: followed by 64 hex digits',
    'publisher key FanOut__Hubs__orders__Publish__Keys__legacy looks like a plain key (use sha256:<hex> or @Microsoft.KeyVault(SecretUri=...))',
  ]);
  assert.equal(publisherKeyProblem('@Microsoft.KeyVault(VaultName=kv-x;SecretName=ops)'), undefined);
  assert.match(publisherKeyProblem('@Microsoft.KeyVault(SecretUri=http)'), /well-formed/);
});

test('webhookSecrets accepts only Key Vault references, in policies and in app settings', () => {
  const messages = rules.webhookSecrets(fixture('plain-webhook-secret.bicep')).map((v) => v.message);
  assert.equal(messages.length, 3, messages.join('; '));
  assert.ok(messages.some((m) => m.startsWith('webhook secret stripe.Secrets[0]')));
  assert.ok(messages.some((m) => m.startsWith('webhook secret FanOut__Hubs__orders__Webhooks__gh__Secrets__1')));
});

test('publisherKeys and webhookSecrets read the hubPolicies of parameter files too', () => {
  const path = join(fixturesDir, 'plain-key.parameters.json');
  const violations = parameterFileViolations(JSON.parse(readFileSync(path, 'utf8')), path);
  assert.deepEqual(violations.map((v) => `${v.rule}: ${v.message}`), [
    'publisherKeys: publisher key orders.Publish.Keys.ops looks like a plain key (use sha256:<hex> or @Microsoft.KeyVault(SecretUri=...))',
    'webhookSecrets: webhook secret orders.Webhooks.erp.Secrets[0] must be a Key Vault reference @Microsoft.KeyVault(SecretUri=...) (a signing secret cannot be hashed)',
  ]);
});

test('upstreamManagedIdentity also rejects a key in the URL and a SignalR resource without identity', () => {
  const messages = rules.upstreamManagedIdentity(fixture('upstream-key-in-url.bicep')).map((v) => v.message).join('\n');
  assert.match(messages, /must carry no key or query string/);
  assert.match(messages, /identity\.type UserAssigned or SystemAssigned/);
  assert.match(messages, /managedIdentity\.resource/);
});

const easyAuth = (name) => {
  const file = fixture(name);
  return easyAuthViolations([file], new Project([file], file.path).appSettingEntries()).map((v) => v.message);
};

test('appServiceAuthentication: FanOut__AppServiceAuthentication=true without Easy Auth fails', () => {
  assert.deepEqual(easyAuth('easy-auth-missing.bicep'), [
    "FanOut__AppServiceAuthentication is 'true' but no unconditional authsettingsV2 resource enables Easy Auth: the principal header could be forged",
  ]);
});

test('appServiceAuthentication: Easy Auth must let callers through, on the same condition as the setting', () => {
  const messages = easyAuth('easy-auth-redirect.bicep').join('\n');
  assert.match(messages, /unauthenticatedClientAction must be 'AllowAnonymous'/);
  assert.match(messages, /requireAuthentication must not be true/);
  assert.match(messages, /true when trustPrincipal, but no authsettingsV2 resource in the same file is deployed on that condition/);
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
const check = (files, sampleValues = readSampleValues(), parameterFiles = readParameterFiles()) => ruleNames(checkProject(files, { mainPath, sampleValues, parameterFiles }));

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
  ['publisherKeys', 'main.bicep', "    Publish: {\n      Members: true\n", "    Publish: {\n      Keys: {\n        ops: 'let-me-in'\n      }\n      Members: true\n"],
  ['webhookSecrets', 'main.bicep', "    History: {\n      Readers: 'Members'\n    }\n", "    History: {\n      Readers: 'Members'\n    }\n    Webhooks: {\n      gh: {\n        Kind: 'github'\n        Secrets: [\n          'hunter2'\n        ]\n      }\n    }\n"],
  ['upstreamManagedIdentity', 'signalr.bicep', "type: 'ManagedIdentity'", "type: 'None'"],
  ['upstreamManagedIdentity', 'signalr.bicep', '/{hub}/{category}/{event}\'', '/{hub}/{category}/{event}?code=abc\''],
  ['upstreamManagedIdentity', 'signalr.bicep', "    type: 'UserAssigned'\n", "    type: 'None'\n"],
  ['appServiceAuthentication', 'functionapp.bicep', "FanOut__AppServiceAuthentication: appServiceAuthenticationEnabled ? 'true' : 'false'", "FanOut__AppServiceAuthentication: 'true'"],
  ['appServiceAuthentication', 'functionapp.bicep', '= if (appServiceAuthenticationEnabled) {', '= if (!empty(appServiceAuthentication.tenantId)) {'],
  ['appServiceAuthentication', 'functionapp.bicep', "unauthenticatedClientAction: 'AllowAnonymous'", "unauthenticatedClientAction: 'Return401'"],
  ['keyVaultRbac', 'keyvault.bicep', 'enableRbacAuthorization: true', 'enableRbacAuthorization: false'],
  ['tagsOnEveryResource', 'keyvault.bicep', '  tags: tags\n', ''],
  ['appSettingsCoverSample', 'hub-policies.bicep', "  @description('Group patterns with * and {userId} (room-*, user-{userId}); app settings Join__Groups__0, __1, ...')\n  Groups: string[]?\n", ''],
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

test('a hubPolicies parameter file with a plain key fails the whole check', () => {
  const parameterFiles = [{ path: 'bad.parameters.json', json: { parameters: { hubPolicies: { value: { chat: { Publish: { Keys: { ops: 'let-me-in' } } } } } } } }];
  assert.deepEqual(check(realFiles(), readSampleValues(), parameterFiles), ['publisherKeys']);
});

test('a hub policy option missing from the Bicep type no longer matches the C# options', () => {
  const [types] = mutate('hub-policies.bicep', "  @description('A claim whose values are further groups the caller may join.')\n  GroupsClaim: string?\n", '')
    .filter((f) => f.path.endsWith('hub-policies.bicep'));
  assert.notDeepEqual(bicepShape(types, 'hubPolicy'), csharpShape(coreDir, 'HubPolicyOptions'));
});
