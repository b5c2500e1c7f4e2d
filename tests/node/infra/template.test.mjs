// The real template: every .bicep parses and passes every house rule; key facts spelled out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { basename } from 'node:path';
import { loadBicepFiles, syntaxErrors, resources, declarations, modules, property, propertyPath, stringLiteral, unwrap } from './bicep-tree.mjs';
import { checkProject, format, Project } from './bicep-rules.mjs';
import { infraDir, mainPath, readSampleValues } from './paths.mjs';

const files = loadBicepFiles(infraDir);
const byName = (name) => files.find((f) => basename(f.path) === name);
const allResources = files.flatMap(resources);

test('infra holds main.bicep and one module per concern', () => {
  const names = files.map((f) => basename(f.path)).sort();
  assert.deepEqual(names, ['functionapp.bicep', 'identity.bicep', 'main.bicep', 'monitoring.bicep', 'rbac.bicep', 'signalr.bicep', 'storage.bicep']);
  const targets = modules(byName('main.bicep')).map((m) => basename(m.target)).sort();
  assert.deepEqual(targets, ['functionapp.bicep', 'identity.bicep', 'monitoring.bicep', 'rbac.bicep', 'signalr.bicep', 'storage.bicep']);
});

for (const file of files) {
  test(`${basename(file.path)} parses without syntax errors`, () => {
    assert.deepEqual(syntaxErrors(file), []);
  });
}

test('the template passes every house rule', () => {
  const violations = checkProject(files, { mainPath, sampleValues: readSampleValues() });
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

test('SignalR upstream template sends connection events to the Functions SignalR webhook with managed identity auth', () => {
  const signalr = byName('signalr.bicep');
  const upstream = declarations(signalr, 'variable_declaration').find((v) => v.name === 'presenceUpstream').value;
  assert.equal(stringLiteral(property(upstream, 'categoryPattern')), 'connections');
  assert.equal(stringLiteral(property(upstream, 'eventPattern')), 'connected,disconnected');
  assert.match(property(upstream, 'urlTemplate').text, /\/runtime\/webhooks\/signalr'$/);
  assert.equal(stringLiteral(propertyPath(upstream, 'auth', 'type')), 'ManagedIdentity');
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
  for (const name of ['FUNCTION_APP_URL', 'NEGOTIATE_URL', 'SIGNALR_ENDPOINT', 'STORAGE_BLOB_ENDPOINT', 'STORAGE_QUEUE_ENDPOINT', 'STORAGE_TABLE_ENDPOINT']) {
    assert.ok(outputs.includes(name), name);
  }
});
