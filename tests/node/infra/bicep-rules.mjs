// The house rules for infra/*.bicep, checked over tree-sitter-bicep syntax trees. Each rule
// returns violations { rule, file, line, message }; checkProject runs them all.
import {
  declarations, descendants, hasDecorator, isFalse, isTrue, line, modules, ofType,
  property, propertyKey, propertyPath, resources, stringLiteral, syntaxErrors, unwrap,
} from './bicep-tree.mjs';
import { easyAuthViolations } from './easy-auth.mjs';
import { shapeAllows } from './hub-policy-type.mjs';
import { parameterFileViolations, publisherKeyViolations, webhookSecretViolations } from './secret-settings.mjs';
import { Project } from './project.mjs';
import { upstreamViolations } from './signalr-upstream.mjs';

export { COMPUTED_SETTINGS, Project } from './project.mjs';

/**
 * Child and extension resources that ARM does not tag (they carry no `location` either).
 * Every other resource declared (not `existing`) must set `tags`.
 */
export const UNTAGGABLE_TYPES = new Set([
  'Microsoft.Authorization/roleAssignments',
  'Microsoft.Insights/diagnosticSettings',
  'Microsoft.Storage/storageAccounts/blobServices',
  'Microsoft.Storage/storageAccounts/blobServices/containers',
  'Microsoft.Storage/storageAccounts/managementPolicies',
  'Microsoft.Storage/storageAccounts/queueServices',
  'Microsoft.Storage/storageAccounts/queueServices/queues',
  'Microsoft.Storage/storageAccounts/tableServices',
  'Microsoft.Storage/storageAccounts/tableServices/tables',
  'Microsoft.Web/sites/config',
  'Microsoft.Web/sites/basicPublishingCredentialsPolicies',
]);

/** Keys of local.settings.sample.json Values that do not belong in Azure, and why. */
export const LOCAL_ONLY_SETTINGS = new Map([
  ['FUNCTIONS_WORKER_RUNTIME', 'Flex Consumption sets the runtime in functionAppConfig.runtime and rejects this app setting'],
  ['LocalHost__StartAzurite', 'only the local host (functions/FanOut.LocalHost) starts Azurite'],
  ['LocalHost__StartSignalR', 'only the local host serves the stand-in for Azure SignalR Service'],
  ['LocalHost__AzuriteDataPath', 'only the local host (functions/FanOut.LocalHost) starts Azurite'],
  ['FanOut__Admin__Keys__dev', 'the development admin key (the hash of local-dev-publisher-key); on Azure an operator sets FanOut__Admin__Keys__<name> to the sha256 of a key of their own'],
]);

/** Connections that must be identity-based in Azure: `<name>__credential` + `<name>__clientId` + endpoints. */
export const IDENTITY_CONNECTIONS = new Map([
  ['AzureWebJobsStorage', ['blobServiceUri', 'queueServiceUri', 'tableServiceUri']],
  ['AzureSignalRConnectionString', ['serviceUri']],
]);

const KEY_FUNCTIONS = /^list(keys|accountsas|servicesas|connectionstrings|secrets|credentials?)$/i;
const KEY_PROPERTIES = /^(primaryKey|secondaryKey|primaryConnectionString|secondaryConnectionString|InstrumentationKey|primaryMasterKey|accessKey)$/i;
const KEY_STRINGS = /(AccountKey=|AccessKey=|SharedAccessKey=|SharedAccessSignature=|InstrumentationKey=)/i;
const RAW_KEY_TOKENS = ['listKeys(', 'AccountKey=', 'AccessKey='];

const violation = (rule, file, node, message) => ({ rule, file: file.path, line: node ? line(node) : 1, message });

export const rules = {
  parses(file) {
    return syntaxErrors(file).map((e) => ({ rule: 'parses', file: file.path, line: e.line, message: `syntax error near "${e.text}"` }));
  },

  tagsOnEveryResource(file) {
    return resources(file)
      .filter((r) => !r.existing && !UNTAGGABLE_TYPES.has(r.type))
      .filter((r) => !property(r.body, 'tags'))
      .map((r) => violation('tagsOnEveryResource', file, r.decl, `resource ${r.symbol} (${r.type}) has no tags`));
  },

  noKeys(file) {
    const found = [];
    for (const node of descendants(file.root)) {
      if (node.type === 'call_expression') {
        const fn = node.childForFieldName('function');
        const name = fn?.type === 'member_expression' ? fn.childForFieldName('property')?.text : fn?.text;
        if (name && KEY_FUNCTIONS.test(name)) found.push(violation('noKeys', file, node, `key-returning function ${name}()`));
      } else if (node.type === 'member_expression') {
        const name = node.childForFieldName('property')?.text;
        if (name && KEY_PROPERTIES.test(name)) found.push(violation('noKeys', file, node, `reads a key property .${name}`));
      } else if (node.type === 'string' && KEY_STRINGS.test(node.text)) {
        found.push(violation('noKeys', file, node, `string builds a key-based connection string (${node.text.match(KEY_STRINGS)[1]})`));
      }
    }
    // "Anywhere": comments and strings the grammar might split oddly included.
    file.text.split('\n').forEach((text, i) => {
      for (const token of RAW_KEY_TOKENS) {
        if (text.includes(token) && !found.some((f) => f.line === i + 1)) {
          found.push({ rule: 'noKeys', file: file.path, line: i + 1, message: `text contains ${token}` });
        }
      }
    });
    return found;
  },

  roleAssignments(file) {
    const found = [];
    for (const r of resources(file).filter((x) => x.type === 'Microsoft.Authorization/roleAssignments' && !x.existing)) {
      const name = unwrap(property(r.body, 'name'));
      const fn = name?.type === 'call_expression' ? name.childForFieldName('function')?.text : undefined;
      const args = name?.type === 'call_expression' ? name.childForFieldName('arguments')?.namedChildren ?? [] : [];
      if (fn !== 'guid' || args.length < 3) {
        found.push(violation('roleAssignments', file, r.decl, `${r.symbol}: name must be guid(scope.id, principalId, roleId)`));
      }
      const principalType = stringLiteral(unwrap(propertyPath(r.body, 'properties', 'principalType')));
      if (principalType !== 'ServicePrincipal') {
        found.push(violation('roleAssignments', file, r.decl, `${r.symbol}: principalType must be 'ServicePrincipal'`));
      }
    }
    return found;
  },

  signalRServerless(file) {
    const found = [];
    for (const r of resources(file).filter((x) => x.type === 'Microsoft.SignalRService/signalR' && !x.existing)) {
      const features = unwrap(propertyPath(r.body, 'properties', 'features'));
      const serverless = (features?.type === 'array' ? features.namedChildren : []).some(
        (f) => stringLiteral(unwrap(property(f, 'flag'))) === 'ServiceMode' && stringLiteral(unwrap(property(f, 'value'))) === 'Serverless');
      if (!serverless) found.push(violation('signalRServerless', file, r.decl, `${r.symbol}: features must set ServiceMode = Serverless`));
      if (!isTrue(propertyPath(r.body, 'properties', 'disableLocalAuth'))) {
        found.push(violation('signalRServerless', file, r.decl, `${r.symbol}: properties.disableLocalAuth must be true`));
      }
    }
    return found;
  },

  storageNoSharedKey(file) {
    const found = [];
    for (const r of resources(file).filter((x) => x.type === 'Microsoft.Storage/storageAccounts' && !x.existing)) {
      const props = propertyPath(r.body, 'properties');
      const fail = (message) => found.push(violation('storageNoSharedKey', file, r.decl, `${r.symbol}: ${message}`));
      if (!isFalse(property(props, 'allowSharedKeyAccess'))) fail('allowSharedKeyAccess must be false');
      if (!isFalse(property(props, 'allowBlobPublicAccess'))) fail('allowBlobPublicAccess must be false');
      if (!isTrue(property(props, 'supportsHttpsTrafficOnly'))) fail('supportsHttpsTrafficOnly must be true');
      if (!['TLS1_2', 'TLS1_3'].includes(stringLiteral(unwrap(property(props, 'minimumTlsVersion'))))) fail('minimumTlsVersion must be TLS1_2 or newer');
    }
    return found;
  },

  applicationInsightsNoLocalAuth(file) {
    return resources(file)
      .filter((r) => r.type === 'Microsoft.Insights/components' && !r.existing)
      .filter((r) => !isTrue(propertyPath(r.body, 'properties', 'DisableLocalAuth')))
      .map((r) => violation('applicationInsightsNoLocalAuth', file, r.decl, `${r.symbol}: properties.DisableLocalAuth must be true`));
  },

  parametersDescribed(file) {
    return declarations(file, 'parameter_declaration')
      .filter((p) => !hasDecorator(p.node, 'description'))
      .map((p) => violation('parametersDescribed', file, p.node, `parameter ${p.name} has no @description`));
  },

  publisherKeys: publisherKeyViolations,

  webhookSecrets: webhookSecretViolations,

  upstreamManagedIdentity: upstreamViolations,

  keyVaultRbac(file) {
    const found = [];
    for (const r of resources(file).filter((x) => x.type === 'Microsoft.KeyVault/vaults' && !x.existing)) {
      const props = propertyPath(r.body, 'properties');
      if (!isTrue(property(props, 'enableRbacAuthorization'))) found.push(violation('keyVaultRbac', file, r.decl, `${r.symbol}: properties.enableRbacAuthorization must be true`));
      if (property(props, 'accessPolicies')) found.push(violation('keyVaultRbac', file, r.decl, `${r.symbol}: no access policies; grant roles from the typed list in main.bicep`));
    }
    return found;
  },

  noWildcardOrigins(file) {
    const found = [];
    for (const node of descendants(file.root)) {
      let value;
      if (node.type === 'object_property' && /origins$/i.test(propertyKey(node) ?? '')) value = node.namedChildren[1];
      if (node.type === 'parameter_declaration' && /origins$/i.test(node.namedChildren[0].text)) {
        const last = node.namedChildren[node.namedChildren.length - 1];
        value = last.type === 'type' ? undefined : last;
      }
      if (value && ofType(value, 'string').some((s) => stringLiteral(s)?.trim() === '*')) {
        found.push(violation('noWildcardOrigins', file, node, 'CORS origins must not contain "*"'));
      }
    }
    return found;
  },
};

/** Rules that read main.bicep only. */
export const mainRules = {
  outputsUpperSnake(file) {
    return declarations(file, 'output_declaration')
      .filter((o) => !/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/.test(o.name))
      .map((o) => violation('outputsUpperSnake', file, o.node, `output ${o.name} is not UPPER_SNAKE`));
  },

  resourceTokenAndTags(file) {
    const found = [];
    const token = declarations(file, 'variable_declaration').find((v) => v.name === 'resourceToken');
    const text = token?.value.text.replace(/\s+/g, '') ?? '';
    if (text !== 'toLower(uniqueString(subscription().id,resourceGroup().id,environmentName))') {
      found.push(violation('resourceTokenAndTags', file, token?.node, 'resourceToken must be toLower(uniqueString(subscription().id, resourceGroup().id, environmentName))'));
    }
    const tags = declarations(file, 'variable_declaration').find((v) => v.name === 'tags');
    if (!tags || !property(unwrap(tags.value), 'azd-env-name')) {
      found.push(violation('resourceTokenAndTags', file, tags?.node, "var tags must carry 'azd-env-name'"));
    }
    return found;
  },
};

/**
 * Sample keys (local.settings.sample.json Values) the template's app settings do not cover: neither
 * set by name (or by its identity-based `<key>__*` form) nor expressible by a computed setting
 * (`FanOut__Hubs__chat__Join__Groups__0` is covered when the hub policy type has Join.Groups).
 */
export function uncoveredSettings(sampleValues, appSettings, computed = []) {
  const names = [...appSettings.keys()];
  const expressible = (key) => computed.some(({ prefix, shape }) => {
    if (!key.startsWith(prefix)) return false;
    const [entry, ...path] = key.slice(prefix.length).split('__');
    return entry.length > 0 && shapeAllows(shape, path);
  });
  return Object.keys(sampleValues)
    .filter((key) => !LOCAL_ONLY_SETTINGS.has(key))
    .filter((key) => !names.some((name) => name === key || name.startsWith(`${key}__`)))
    .filter((key) => !expressible(key));
}

/** Identity-based connection problems: plain connection strings, missing credential/clientId/endpoints. */
export function connectionProblems(appSettings) {
  const problems = [];
  for (const [connection, endpoints] of IDENTITY_CONNECTIONS) {
    if (appSettings.has(connection)) problems.push(`${connection} is set as a connection string; use ${connection}__* settings`);
    const credential = appSettings.get(`${connection}__credential`) ?? [];
    if (!credential.length || credential.some((v) => v !== 'managedidentity')) problems.push(`${connection}__credential must be 'managedidentity'`);
    if (!appSettings.has(`${connection}__clientId`)) problems.push(`${connection}__clientId is missing`);
    for (const endpoint of endpoints) {
      if (!appSettings.has(`${connection}__${endpoint}`)) problems.push(`${connection}__${endpoint} is missing`);
    }
  }
  return problems;
}

/** Which resource types a diagnostic setting is scoped to (by the scope symbol's type). */
export function diagnosedTypes(files) {
  const types = new Set();
  for (const file of files) {
    const all = resources(file);
    for (const d of all.filter((r) => r.type === 'Microsoft.Insights/diagnosticSettings')) {
      const scope = unwrap(property(d.body, 'scope'));
      const target = all.find((r) => r.symbol === scope?.text);
      if (target && property(d.body, 'properties') && propertyPath(d.body, 'properties', 'workspaceId')) types.add(target.type);
    }
  }
  return types;
}

export const DIAGNOSED_TYPES = ['Microsoft.Web/sites', 'Microsoft.Storage/storageAccounts', 'Microsoft.SignalRService/signalR'];

/** All per-file rules (and main-only rules on main.bicep), plus the project-wide checks. */
export function checkProject(files, { mainPath, sampleValues, parameterFiles = [] }) {
  const found = [];
  for (const file of files) {
    for (const rule of Object.values(rules)) found.push(...rule(file));
    if (file.path === mainPath) for (const rule of Object.values(mainRules)) found.push(...rule(file));
  }
  for (const { json, path } of parameterFiles) found.push(...parameterFileViolations(json, path));
  const project = new Project(files, mainPath);
  const settings = project.appSettings();
  found.push(...easyAuthViolations(files, project.appSettingEntries()));
  for (const key of uncoveredSettings(sampleValues, settings, project.computedSettings())) {
    found.push({ rule: 'appSettingsCoverSample', file: mainPath, line: 1, message: `app settings do not cover ${key} (local.settings.sample.json)` });
  }
  for (const message of connectionProblems(settings)) found.push({ rule: 'identityConnections', file: mainPath, line: 1, message });
  const diagnosed = diagnosedTypes(files);
  for (const type of DIAGNOSED_TYPES.filter((t) => !diagnosed.has(t))) {
    found.push({ rule: 'diagnostics', file: mainPath, line: 1, message: `no diagnostic setting sends ${type} to the workspace` });
  }
  return found;
}

export const format = (v) => `${v.rule} ${v.file}:${v.line} ${v.message}`;
