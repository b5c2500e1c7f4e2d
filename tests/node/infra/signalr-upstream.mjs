// SignalR upstream calls are authenticated with a managed-identity token, never with a key: every
// upstream template has auth.type 'ManagedIdentity' with a token resource (audience), its URL is
// https with no query string (where a function key or a Key Vault secret reference would go), and
// the SignalR resource has the identity that token comes from.
import { declarations, line, property, propertyPath, resources, stringLiteral, stringShape, unwrap } from './bicep-tree.mjs';

/** Array elements an expression may evaluate to, following same-file variables and ternaries. */
export function possibleElements(node, file, seen = new Set()) {
  node = unwrap(node);
  if (!node) return [];
  if (node.type === 'array') return node.namedChildren.flatMap((item) => possibleObjects(item, file, seen));
  if (node.type === 'ternary_expression') {
    return ['consequence', 'alternative'].flatMap((f) => possibleElements(node.childForFieldName(f), file, seen));
  }
  if (node.type === 'identifier' && !seen.has(node.text)) {
    seen.add(node.text);
    const variable = declarations(file, 'variable_declaration').find((v) => v.name === node.text);
    if (variable) return possibleElements(variable.value, file, seen);
  }
  return [{ unresolved: node }];
}

function possibleObjects(node, file, seen) {
  node = unwrap(node);
  if (node?.type === 'identifier' && !seen.has(node.text)) {
    const variable = declarations(file, 'variable_declaration').find((v) => v.name === node.text);
    if (variable) return possibleObjects(variable.value, file, new Set([...seen, node.text]));
  }
  return node?.type === 'object' ? [{ object: node }] : [{ unresolved: node }];
}

export function upstreamViolations(file) {
  const found = [];
  for (const r of resources(file).filter((x) => x.type === 'Microsoft.SignalRService/signalR' && !x.existing)) {
    const fail = (node, message) => found.push({ rule: 'upstreamManagedIdentity', file: file.path, line: line(node ?? r.decl), message: `${r.symbol}: ${message}` });
    const templates = propertyPath(r.body, 'properties', 'upstream', 'templates');
    if (!templates) continue;
    const identityType = stringLiteral(unwrap(propertyPath(r.body, 'identity', 'type')));
    if (!['UserAssigned', 'SystemAssigned'].includes(identityType)) fail(r.decl, 'an upstream needs identity.type UserAssigned or SystemAssigned (the token comes from it)');
    for (const element of possibleElements(templates, file)) {
      if (element.unresolved) {
        fail(element.unresolved, `cannot read the upstream template "${element.unresolved.text.slice(0, 40)}"`);
        continue;
      }
      const template = element.object;
      if (stringLiteral(unwrap(propertyPath(template, 'auth', 'type'))) !== 'ManagedIdentity') fail(template, "upstream auth.type must be 'ManagedIdentity'");
      const resource = unwrap(propertyPath(template, 'auth', 'managedIdentity', 'resource'));
      if (!resource || stringLiteral(resource) === '') fail(template, 'upstream auth.managedIdentity.resource (the token audience) must be set');
      const url = stringShape(unwrap(property(template, 'urlTemplate')));
      if (url === undefined) fail(template, 'upstream urlTemplate must be a string');
      else if (!url.startsWith('https://')) fail(template, 'upstream urlTemplate must be https');
      else if (/[?#]|code=|KeyVault/i.test(url)) fail(template, `upstream urlTemplate must carry no key or query string: ${url}`);
    }
  }
  return found;
}
