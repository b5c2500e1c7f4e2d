// Secrets in hub policies. Publisher keys appear only as a SHA-256 (sha256:<64 hex>) or as an App
// Service Key Vault reference; webhook signing secrets (which cannot be hashed: the app needs them
// to compute the HMAC) only as Key Vault references. Checked wherever one can be written down: hub
// policies in Bicep parameter defaults and variables, FanOut__Hubs__* app settings, and the
// hubPolicies value of parameter files.
import { descendants, line, propertyKey, stringShape } from './bicep-tree.mjs';

const HASH = /^sha256:[0-9a-f]{64}$/i;
const KEY_VAULT_REFERENCE = /^@Microsoft\.KeyVault\((SecretUri=https:\/\/[^\s()]+|VaultName=[^;()\s]+;SecretName=[^;()\s]+(;SecretVersion=[^;()\s]+)?)\)$/;
const SETTING_NAME = /__Publish__Keys__[^_]/;
const WEBHOOK_SECRET_SETTING = /__Webhooks__.+__Secrets__\d+$/;

/** Why a configured webhook secret is not acceptable, or undefined when it is. */
export function webhookSecretProblem(value) {
  if (typeof value === 'string' && KEY_VAULT_REFERENCE.test(value)) return undefined;
  return 'must be a Key Vault reference @Microsoft.KeyVault(SecretUri=...) (a signing secret cannot be hashed)';
}

/** Why a configured publisher key value is not acceptable, or undefined when it is. */
export function publisherKeyProblem(value) {
  if (typeof value !== 'string') return 'is not a string';
  if (HASH.test(value) || KEY_VAULT_REFERENCE.test(value)) return undefined;
  if (/^sha256:/i.test(value)) return 'is not sha256: followed by 64 hex digits';
  if (/^@Microsoft\.KeyVault/i.test(value)) return 'is not a well-formed @Microsoft.KeyVault(SecretUri=...) reference';
  return 'looks like a plain key (use sha256:<hex> or @Microsoft.KeyVault(SecretUri=...))';
}

const objectEntries = (node) => (node?.type === 'object' ? node.namedChildren.filter((p) => p.type === 'object_property') : []);

/** Bicep: `Publish: { Keys: { name: value } }` anywhere, and `...__Publish__Keys__name: value` settings. */
export function publisherKeyViolations(file) {
  const found = [];
  const check = (name, valueNode) => {
    const value = valueNode?.type === 'string' ? stringShape(valueNode) : undefined;
    const problem = valueNode?.type === 'string' ? publisherKeyProblem(value) : 'is an expression, not a literal sha256: hash or Key Vault reference';
    if (problem) found.push({ rule: 'publisherKeys', file: file.path, line: line(valueNode ?? file.root), message: `publisher key ${name} ${problem}` });
  };
  for (const node of descendants(file.root)) {
    if (node.type !== 'object_property') continue;
    const key = propertyKey(node);
    if (key === 'Keys' && node.parent?.parent && propertyKey(node.parent.parent) === 'Publish') {
      for (const entry of objectEntries(node.namedChildren[1])) check(`Keys.${propertyKey(entry)}`, entry.namedChildren[1]);
    } else if (key && SETTING_NAME.test(key)) {
      check(key, node.namedChildren[1]);
    }
  }
  return found;
}

const underWebhooks = (node) => {
  for (let n = node.parent; n; n = n.parent) if (n.type === 'object_property' && propertyKey(n) === 'Webhooks') return true;
  return false;
};

/** Bicep: `Webhooks: { source: { Secrets: [ ... ] } }` anywhere, and `...__Webhooks__source__Secrets__0: value` settings. */
export function webhookSecretViolations(file) {
  const found = [];
  const check = (name, valueNode) => {
    const problem = webhookSecretProblem(valueNode?.type === 'string' ? stringShape(valueNode) : undefined);
    if (problem) found.push({ rule: 'webhookSecrets', file: file.path, line: line(valueNode ?? file.root), message: `webhook secret ${name} ${problem}` });
  };
  for (const node of descendants(file.root)) {
    if (node.type !== 'object_property') continue;
    const key = propertyKey(node);
    const value = node.namedChildren[1];
    if (key === 'Secrets' && underWebhooks(node) && value?.type === 'array') {
      value.namedChildren.forEach((item, i) => check(`${propertyKey(node.parent.parent)}.Secrets[${i}]`, item));
    } else if (key && WEBHOOK_SECRET_SETTING.test(key)) {
      check(key, value);
    }
  }
  return found;
}

/** A deployment parameters file (JSON): hubPolicies.value.<hub>.Publish.Keys.<name> and .Webhooks.<source>.Secrets[i]. */
export function parameterFileViolations(json, path) {
  const hubs = json?.parameters?.hubPolicies?.value ?? {};
  return Object.entries(hubs).flatMap(([hub, policy]) => [
    ...Object.entries(policy?.Publish?.Keys ?? {})
      .map(([name, value]) => ['publisherKeys', `publisher key ${hub}.Publish.Keys.${name}`, publisherKeyProblem(value)]),
    ...Object.entries(policy?.Webhooks ?? {}).flatMap(([source, options]) => (options?.Secrets ?? [])
      .map((value, i) => ['webhookSecrets', `webhook secret ${hub}.Webhooks.${source}.Secrets[${i}]`, webhookSecretProblem(value)])),
  ].filter(([, , problem]) => problem).map(([rule, what, problem]) => ({ rule, file: path, line: 1, message: `${what} ${problem}` })));
}
