// The real template: every .bicep parses and passes every house rule; key facts spelled out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { basename } from 'node:path';
import { conditionOf, loadBicepFiles, syntaxErrors, resources, declarations, modules, property, propertyPath, stringLiteral, unwrap } from './bicep-tree.mjs';
import { checkProject, format, Project } from './bicep-rules.mjs';
import { infraDir, mainPath, readParameterFiles, readSampleValues } from './paths.mjs';

const files = loadBicepFiles(infraDir);
const byName = (name) => files.find((f) => basename(f.path) === name);
const allResources = files.flatMap(resources);

test('infra holds main.bicep, the hub policy types and one module per concern', () => {
  const names = files.map((f) => basename(f.path)).sort();
  assert.deepEqual(names, ['functionapp.bicep', 'hub-policies.bicep', 'identity.bicep', 'keyvault.bicep', 'main.bicep', 'monitoring.bicep', 'rbac.bicep', 'signalr.bicep', 'storage.bicep']);
  const targets = modules(byName('main.bicep')).map((m) => basename(m.target)).sort();
  assert.deepEqual(targets, ['functionapp.bicep', 'identity.bicep', 'keyvault.bicep', 'monitoring.bicep', 'rbac.bicep', 'signalr.bicep', 'storage.bicep']);
});

for (const file of files) {
  test(`${basename(file.path)} parses without syntax errors`, () => {
    assert.deepEqual(syntaxErrors(file), []);
  });
}

test('the template passes every house rule', () => {
  const violations = checkProject(files, { mainPath, sampleValues: readSampleValues(), parameterFiles: readParameterFiles() });
  assert.deepEqual(violations.map(format), []);
});

test('Function App runs on Flex Consumption, .NET isolated 10.0, deploying from blob with the user-assigned identity', () => {
  const plan = allResources.find((r) => r.type === 'Microsoft.Web/serverfarms');
  assert.equal(stringLiteral(propertyPath(plan.body, 'sku', 'name')), 'FC1');
  assert.equal(stringLiteral(propertyPath(plan.body, 'sku', 'tier')), 'FlexConsumption');
  const site = allResources.find((r) => r.type === 'Microsoft.Web/sites' && !r.existing);
  const config = propertyPath(site.body, 'properties', 'functionAppConfig');
  assert.equal(stringLiteral(propertyPath(config, 'runtime', 'name')), 'dotnet-isolated');
  const project = new Project(files, mainPath);
  assert.deepEqual(project.stringValues(propertyPath(config, 'runtime', 'version'), site.file), ['10.0']);
  assert.equal(stringLiteral(propertyPath(config, 'deployment', 'storage', 'type')), 'blobContainer');
  assert.equal(stringLiteral(propertyPath(config, 'deployment', 'storage', 'authentication', 'type')), 'UserAssignedIdentity');
  for (const key of ['alwaysReady', 'maximumInstanceCount', 'instanceMemoryMB']) {
    assert.ok(propertyPath(config, 'scaleAndConcurrency', key), `scaleAndConcurrency.${key}`);
  }
  assert.equal(stringLiteral(propertyPath(site.body, 'identity', 'type')), 'UserAssigned');
});

test('SignalR sends every hub\'s events upstream to the app with a token from the app\'s user-assigned identity', () => {
  const signalr = byName('signalr.bicep');
  const upstream = declarations(signalr, 'variable_declaration').find((v) => v.name === 'upstreamTemplate').value;
  for (const key of ['hubPattern', 'categoryPattern', 'eventPattern']) assert.equal(stringLiteral(property(upstream, key)), '*', key);
  assert.equal(stringLiteral(propertyPath(upstream, 'auth', 'type')), 'ManagedIdentity');
  assert.equal(propertyPath(upstream, 'auth', 'managedIdentity', 'resource').text, 'upstreamTokenAudience');
  const service = resources(signalr).find((r) => r.type === 'Microsoft.SignalRService/signalR');
  assert.equal(stringLiteral(propertyPath(service.body, 'identity', 'type')), 'UserAssigned');
  // The same identity as the Function App, and the same audience the app validates.
  const main = byName('main.bicep');
  const params = (target) => propertyPath(modules(main).find((m) => basename(m.target) === target).body, 'params');
  assert.equal(property(params('signalr.bicep'), 'identityId').text, 'identity.outputs.id');
  assert.equal(property(params('functionapp.bicep'), 'identityId').text, 'identity.outputs.id');
  assert.equal(property(params('signalr.bicep'), 'upstreamTokenAudience').text, 'upstreamAudience');
  const upstreamSettings = unwrap(declarations(main, 'variable_declaration').find((v) => v.name === 'upstreamSettings').value);
  const settings = upstreamSettings.childForFieldName('consequence');
  assert.equal(property(settings, 'FanOut__Upstream__Audience').text, 'upstreamAudience');
  // Azure SignalR Service sends v1 tokens only: the v1 issuer of this tenant.
  assert.equal(property(settings, 'FanOut__Upstream__Authority').text, "'https://sts.windows.net/${tenant().tenantId}/'");
});

test('App Service Authentication validates Entra tokens without a secret and lets every caller through', () => {
  const app = byName('functionapp.bicep');
  const auth = resources(app).find((r) => r.type === 'Microsoft.Web/sites/config' && stringLiteral(property(r.body, 'name')) === 'authsettingsV2');
  assert.equal(conditionOf(auth.decl).text, 'appServiceAuthenticationEnabled');
  const aad = propertyPath(auth.body, 'properties', 'identityProviders', 'azureActiveDirectory');
  assert.equal(property(propertyPath(aad, 'registration'), 'clientId').text, 'appServiceAuthentication.clientId');
  assert.equal(propertyPath(aad, 'registration', 'clientSecretSettingName'), undefined);
  assert.equal(property(propertyPath(aad, 'validation'), 'allowedAudiences').text, 'appServiceAuthentication.allowedAudiences');
  const enabled = declarations(app, 'variable_declaration').find((v) => v.name === 'appServiceAuthenticationEnabled');
  assert.equal(enabled.value.text, '!empty(appServiceAuthentication.clientId)');
});

test('Key Vault references resolve with the user-assigned identity', () => {
  const site = resources(byName('functionapp.bicep')).find((r) => r.type === 'Microsoft.Web/sites');
  assert.equal(propertyPath(site.body, 'properties', 'keyVaultReferenceIdentity').text, 'identityId');
  const vault = resources(byName('keyvault.bicep')).find((r) => r.type === 'Microsoft.KeyVault/vaults');
  assert.equal(propertyPath(vault.body, 'properties', 'enableRbacAuthorization').text, 'true');
});

test('claim-check payloads: a private container whose blobs lifecycle management deletes after payloadRetentionDays (30)', () => {
  const storage = byName('storage.bicep');
  const container = resources(storage).find((r) => r.symbol === 'payloadContainer');
  assert.equal(stringLiteral(propertyPath(container.body, 'properties', 'publicAccess')), 'None');
  const policy = resources(storage).find((r) => r.type === 'Microsoft.Storage/storageAccounts/managementPolicies');
  const rule = unwrap(propertyPath(policy.body, 'properties', 'policy', 'rules')).namedChildren[0];
  assert.equal(propertyPath(rule, 'definition', 'filters', 'prefixMatch').namedChildren[0].text, "'${payloadContainer.name}/'");
  assert.equal(propertyPath(rule, 'definition', 'actions', 'baseBlob', 'delete', 'daysAfterModificationGreaterThan').text, 'payloadRetentionDays');
  const retention = declarations(byName('main.bicep'), 'parameter_declaration').find((p) => p.name === 'payloadRetentionDays');
  assert.equal(retention.value.text, '30');
});

test('role assignments come from one typed list with the documented roles', () => {
  const main = byName('main.bicep');
  const grants = unwrap(declarations(main, 'variable_declaration').find((v) => v.name === 'roleGrants').value);
  const roles = grants.namedChildren.map((g) => stringLiteral(property(g, 'role')));
  assert.deepEqual(roles, [
    'Storage Blob Data Owner',
    'Storage Queue Data Contributor',
    'Storage Table Data Contributor',
    'SignalR App Server',
    'SignalR Service Owner',
    'Monitoring Metrics Publisher',
    'Key Vault Secrets User',
  ]);
  const rbac = byName('rbac.bicep');
  assert.ok(declarations(rbac, 'type_declaration').some((t) => t.name === 'roleGrant'), 'type roleGrant');
  const grantsParam = declarations(rbac, 'parameter_declaration').find((p) => p.name === 'grants');
  assert.equal(grantsParam.node.namedChildren[1].text, 'roleGrant[]');
  const assignments = resources(rbac).filter((r) => r.type === 'Microsoft.Authorization/roleAssignments');
  assert.ok(assignments.every((r) => r.decl.namedChildren.at(-1).type === 'for_statement'), 'each assignment block loops over grants');
});

test('main.bicep outputs the URLs and endpoints users need', () => {
  const outputs = declarations(byName('main.bicep'), 'output_declaration').map((o) => o.name);
  for (const name of ['FUNCTION_APP_URL', 'NEGOTIATE_URL', 'SIGNALR_ENDPOINT', 'STORAGE_BLOB_ENDPOINT', 'STORAGE_QUEUE_ENDPOINT', 'STORAGE_TABLE_ENDPOINT', 'STORAGE_PAYLOAD_CONTAINER', 'KEY_VAULT_URI', 'UPSTREAM_TOKEN_AUDIENCE']) {
    assert.ok(outputs.includes(name), name);
  }
});
