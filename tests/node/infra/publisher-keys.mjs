// Publisher keys appear in settings only as a SHA-256 (sha256:<64 hex>) or as an App Service Key
// Vault reference; never as the key itself. Checked wherever a key can be written down: hub
// policies in Bicep parameter defaults and variables, FanOut__Hubs__*__Publish__Keys__* app
// settings, and the hubPolicies value of parameter files.
import { descendants, line, propertyKey, stringShape } from './bicep-tree.mjs';

const HASH = /^sha256:[0-9a-f]{64}$/i;
const KEY_VAULT_REFERENCE = /^@Microsoft\.KeyVault\((SecretUri=https:\/\/[^\s()]+|VaultName=[^;()\s]+;SecretName=[^;()\s]+(;SecretVersion=[^;()\s]+)?)\)$/;
const SETTING_NAME = /__Publish__Keys__[^_]/;

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

/** A deployment parameters file (JSON): hubPolicies.value.<hub>.Publish.Keys.<name>. */
export function parameterFileViolations(json, path) {
  const hubs = json?.parameters?.hubPolicies?.value ?? {};
  return Object.entries(hubs).flatMap(([hub, policy]) => Object.entries(policy?.Publish?.Keys ?? {})
    .map(([name, value]) => [name, publisherKeyProblem(value)])
    .filter(([, problem]) => problem)
    .map(([name, problem]) => ({ rule: 'publisherKeys', file: path, line: 1, message: `publisher key ${hub}.Publish.Keys.${name} ${problem}` })));
}
