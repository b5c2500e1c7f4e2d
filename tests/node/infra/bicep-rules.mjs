// The house rules for infra/*.bicep, checked over tree-sitter-bicep syntax trees. Each rule
// returns violations { rule, file, line, message }; checkProject runs them all.
import {
  declarations, descendants, hasDecorator, isFalse, isTrue, line, modules, ofType,
  property, propertyKey, propertyPath, resources, stringLiteral, syntaxErrors, unwrap,
} from './bicep-tree.mjs';

/**
 * Child and extension resources that ARM does not tag (they carry no `location` either).
 * Every other resource declared (not `existing`) must set `tags`.
 */
export const UNTAGGABLE_TYPES = new Set([
  'Microsoft.Authorization/roleAssignments',
  'Microsoft.Insights/diagnosticSettings',
  'Microsoft.Storage/storageAccounts/blobServices',
  'Microsoft.Storage/storageAccounts/blobServices/containers',
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
  ['LocalHost__AzuriteDataPath', 'only the local host (functions/FanOut.LocalHost) starts Azurite'],
  ['LocalHost__StartSignalR', 'only the local host (functions/FanOut.LocalHost) starts the SignalR Service stand-in'],
  ['FanOut__Admin__Keys__dev', 'the development admin key (the hash of local-dev-publisher-key); on Azure an operator sets FanOut__Admin__Keys__<name> to the sha256 of a key of their own'],
]);

/** Prefixes of sample keys that are development examples, not settings a deployment inherits, and why. */
export const LOCAL_ONLY_PREFIXES = new Map([
  ['FanOut__Hubs__', 'the sample\'s development hubs (chat, news) with the development publisher key; a deployment configures its own hubs'],
]);

/** Whether a sample key stays on developers' machines. */
export const isLocalOnly = (key) => LOCAL_ONLY_SETTINGS.has(key) || [...LOCAL_ONLY_PREFIXES.keys()].some((prefix) => key.startsWith(prefix));

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

// ---------------------------------------------------------------------------------------
// Project-level resolution: follow identifiers to variables, parameters to the module call
// that sets them, and union()/ternaries to all their branches. Enough for app settings.
// ---------------------------------------------------------------------------------------

export class Project {
  constructor(files, mainPath) {
    this.files = files;
    this.byPath = new Map(files.map((f) => [f.path, f]));
    this.main = files.find((f) => f.path === mainPath);
  }

  callersOf(file) {
    return this.files.flatMap((caller) => modules(caller).filter((m) => m.target === file.path).map((m) => ({ caller, module: m })));
  }

  /** Every (key, value node, file) of an object-valued expression. */
  objectEntries(node, file, seen = new Set()) {
    node = unwrap(node);
    if (!node) return [];
    if (node.type === 'object') {
      return node.namedChildren.filter((p) => p.type === 'object_property').map((p) => ({ key: propertyKey(p), value: p.namedChildren[1], file }));
    }
    if (node.type === 'call_expression' && node.childForFieldName('function')?.text === 'union') {
      return node.childForFieldName('arguments').namedChildren.flatMap((a) => this.objectEntries(a, file, seen));
    }
    if (node.type === 'ternary_expression') {
      return ['consequence', 'alternative'].flatMap((f) => this.objectEntries(node.childForFieldName(f), file, seen));
    }
    if (node.type === 'identifier') {
      return this.symbolValues(node.text, file, seen).flatMap(({ value, file: f }) => this.objectEntries(value, f, seen));
    }
    throw new Error(`${file.path}:${line(node)}: cannot resolve object keys of "${node.text.slice(0, 40)}"`);
  }

  /** Expressions an identifier may stand for: its var, or what each module caller passes. */
  symbolValues(name, file, seen = new Set()) {
    const id = `${file.path}#${name}`;
    if (seen.has(id)) return [];
    seen.add(id);
    const variable = declarations(file, 'variable_declaration').find((v) => v.name === name);
    if (variable) return [{ value: variable.value, file }];
    const parameter = declarations(file, 'parameter_declaration').find((p) => p.name === name);
    if (!parameter) return [];
    return this.callersOf(file).flatMap(({ caller, module }) => {
      const passed = property(propertyPath(module.body, 'params'), name);
      return passed ? [{ value: passed, file: caller }] : [];
    });
  }

  /** The string(s) an expression evaluates to, when it is a literal or a chain of symbols. */
  stringValues(node, file) {
    node = unwrap(node);
    if (!node) return [];
    const literal = stringLiteral(node);
    if (literal !== undefined) return [literal];
    if (node.type === 'identifier') return this.symbolValues(node.text, file).flatMap(({ value, file: f }) => this.stringValues(value, f));
    if (node.type === 'member_expression') {
      const object = unwrap(node.childForFieldName('object'));
      const key = node.childForFieldName('property')?.text;
      if (object?.type === 'identifier') {
        return this.symbolValues(object.text, file).flatMap(({ value, file: f }) => {
          const entry = this.objectEntries(value, f).find((e) => e.key === key);
          return entry ? this.stringValues(entry.value, entry.file) : [];
        });
      }
    }
    return [];
  }

  /** App settings of every Microsoft.Web/sites/config 'appsettings' resource: key -> [values]. */
  appSettings() {
    const settings = new Map();
    for (const file of this.files) {
      for (const r of resources(file).filter((x) => x.type === 'Microsoft.Web/sites/config' && !x.existing)) {
        if (stringLiteral(unwrap(property(r.body, 'name'))) !== 'appsettings') continue;
        for (const entry of this.objectEntries(property(r.body, 'properties'), file)) {
          settings.set(entry.key, [...(settings.get(entry.key) ?? []), ...this.stringValues(entry.value, entry.file)]);
        }
      }
      for (const r of resources(file).filter((x) => x.type === 'Microsoft.Web/sites' && !x.existing)) {
        const list = unwrap(propertyPath(r.body, 'properties', 'siteConfig', 'appSettings'));
        for (const item of list?.type === 'array' ? list.namedChildren : []) {
          const key = stringLiteral(unwrap(property(item, 'name')));
          if (key) settings.set(key, [...(settings.get(key) ?? []), ...this.stringValues(property(item, 'value'), file)]);
        }
      }
    }
    return settings;
  }
}

/** Sample keys (local.settings.sample.json Values) the template's app settings do not cover. */
export function uncoveredSettings(sampleValues, appSettings) {
  const names = [...appSettings.keys()];
  return Object.keys(sampleValues)
    .filter((key) => !isLocalOnly(key))
    .filter((key) => !names.some((name) => name === key || name.startsWith(`${key}__`)));
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
export function checkProject(files, { mainPath, sampleValues }) {
  const found = [];
  for (const file of files) {
    for (const rule of Object.values(rules)) found.push(...rule(file));
    if (file.path === mainPath) for (const rule of Object.values(mainRules)) found.push(...rule(file));
  }
  const project = new Project(files, mainPath);
  const settings = project.appSettings();
  for (const key of uncoveredSettings(sampleValues, settings)) {
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
