// The hub policy as a shape, read from two sides: the Bicep type in infra/hub-policies.bicep and
// the C# options classes the app binds FanOut__Hubs__{hub}__* to. A shape is
// { kind: 'object', props } | { kind: 'map', of } | { kind: 'list', of } | { kind: 'enum', values }
// | { kind: 'bool' | 'int' | 'string' }. Also: the settings a policy value flattens to.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { declarations, stringLiteral, unwrap } from './bicep-tree.mjs';

/** The shape of Bicep type `name` declared in `file`. */
export function bicepShape(file, name) {
  const types = new Map(declarations(file, 'type_declaration').map((t) => [t.name, t.value]));
  const shape = (node) => {
    node = unwrap(node);
    switch (node?.type) {
      case 'type':
      case 'nullable_type':
        return shape(node.namedChildren[0]);
      case 'primitive_type':
        return { kind: node.text };
      case 'identifier':
        if (!types.has(node.text)) throw new Error(`unknown type ${node.text}`);
        return shape(types.get(node.text));
      case 'array_type':
        return { kind: 'list', of: shape(node.namedChildren[0]) };
      case 'union_type': { // enums bind case-insensitively
        // tree-sitter-bicep 1.1.0 reads the tail of a long union ('a' | 'b' | 'c' | 'd') as a `|` binary expression.
        const members = (n) => (n.type === 'binary_expression' ? n.namedChildren.flatMap(members) : [stringLiteral(n)]);
        return { kind: 'enum', values: node.namedChildren.flatMap(members).map((v) => v.toLowerCase()) };
      }
      case 'object': {
        const props = node.namedChildren.filter((p) => p.type === 'object_property');
        if (props.length === 1 && props[0].namedChildren.length === 1) return { kind: 'map', of: shape(props[0].namedChildren[0]) };
        return { kind: 'object', props: Object.fromEntries(props.map((p) => [p.namedChildren[0].text, shape(p.namedChildren[1])])) };
      }
      default:
        throw new Error(`cannot read type "${node?.text.slice(0, 40)}"`);
    }
  };
  if (!types.has(name)) throw new Error(`no type ${name} in ${file.path}`);
  return shape(types.get(name));
}

/** The shape of C# options class `className` (public properties the binder sets or fills), from `<className>.cs` anywhere under `dir`. */
export function csharpShape(dir, className) {
  const files = new Map(readdirSync(dir, { recursive: true }).filter((f) => f.endsWith('.cs')).map((f) => [basename(f, '.cs'), join(dir, f)]));
  const source = (name) => {
    if (!files.has(name)) throw new Error(`no ${name}.cs under ${dir}`);
    return readFileSync(files.get(name), 'utf8');
  };
  const shape = (type) => {
    type = type.replace(/\?$/, '').trim();
    if (type === 'bool') return { kind: 'bool' };
    if (type === 'int') return { kind: 'int' };
    if (type === 'string' || type === 'TimeSpan') return { kind: 'string' };
    const dictionary = /^Dictionary<string,\s*(\w+)>$/.exec(type);
    if (dictionary) return { kind: 'map', of: shape(dictionary[1]) };
    const list = /^I?List<(\w+)>$/.exec(type);
    if (list) return { kind: 'list', of: shape(list[1]) };
    const text = source(type).replace(/^\s*\/\/\/.*$/gm, ''); // doc comments may hold { } and commas
    const enumBody = new RegExp(`public\\s+enum\\s+${type}\\s*\\{([^}]*)\\}`).exec(text);
    if (enumBody) {
      const values = enumBody[1].split(',').map((v) => v.trim()).filter(Boolean);
      return { kind: 'enum', values: values.map((v) => v.toLowerCase()) };
    }
    // Settable properties, and get-only collections the binder fills (IList<string> Secrets { get; }).
    const props = [...text.matchAll(/public\s+(?!const\b|static\b)([\w<>?,\s]+?)\s+(\w+)\s*\{\s*get;\s*(?:set;\s*)?\}/g)];
    return { kind: 'object', props: Object.fromEntries(props.map(([, t, n]) => [n, shape(t)])) };
  };
  return shape(className);
}

/** Whether a setting path below one hub (['Join', 'Groups', '0']) names something the shape holds. */
export function shapeAllows(shape, segments) {
  if (segments.length === 0) return !['object', 'map', 'list'].includes(shape.kind);
  const [head, ...rest] = segments;
  if (shape.kind === 'object') return head in shape.props && shapeAllows(shape.props[head], rest);
  if (shape.kind === 'map') return head.length > 0 && shapeAllows(shape.of, rest);
  if (shape.kind === 'list') return /^\d+$/.test(head) && shapeAllows(shape.of, rest);
  return false;
}

/** A Bicep literal (object, array, string, bool, number) as a JavaScript value. */
export function bicepValue(node) {
  node = unwrap(node);
  switch (node?.type) {
    case 'object':
      return Object.fromEntries(node.namedChildren.filter((p) => p.type === 'object_property')
        .map((p) => [p.namedChildren[0].type === 'string' ? stringLiteral(p.namedChildren[0]) : p.namedChildren[0].text, bicepValue(p.namedChildren[1])]));
    case 'array':
      return node.namedChildren.map(bicepValue);
    case 'string':
      return stringLiteral(node);
    case 'boolean':
      return node.text === 'true';
    case 'number':
      return Number(node.text);
    default:
      throw new Error(`not a literal: ${node?.text.slice(0, 40)}`);
  }
}

/** Names of the properties of `kind` anywhere in a shape (where main.bicep must flatten differently). */
export function propertiesOfKind(shape, kind, found = new Set()) {
  const children = shape.kind === 'object' ? Object.entries(shape.props) : [];
  for (const [name, child] of children) {
    if (child.kind === kind && !(kind === 'map' && child.of.kind === 'object')) found.add(name);
    propertiesOfKind(child.kind === 'map' || child.kind === 'list' ? child.of : child, kind, found);
  }
  return found;
}

/**
 * What main.bicep's hub flattening yields for a hub-policies value: { name: value }, objects as
 * __name, list entries as __0, __1, values as text (booleans true/false), as the binder reads them.
 */
export function hubPolicySettings(hubs, prefix = 'FanOut__Hubs__') {
  const settings = {};
  const walk = (name, value) => {
    if (Array.isArray(value)) value.forEach((v, i) => walk(`${name}__${i}`, v));
    else if (value !== null && typeof value === 'object') Object.entries(value).forEach(([k, v]) => walk(`${name}__${k}`, v));
    else settings[name] = String(value);
  };
  Object.entries(hubs).forEach(([hub, policy]) => walk(`${prefix}${hub}`, policy));
  return settings;
}
