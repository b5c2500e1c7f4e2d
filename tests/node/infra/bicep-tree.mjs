// Syntax-tree helpers over tree-sitter-bicep (a syntax-only parser: no type checking, no
// symbol resolution). Everything here reads the concrete syntax tree.
import { createRequire } from 'node:module';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';

const require = createRequire(import.meta.url);
const Parser = require('tree-sitter');
const Bicep = require('tree-sitter-bicep');

const parser = new Parser();
parser.setLanguage(Bicep);

export function parseBicep(text, path = '<inline>') {
  // tree-sitter's default input buffer is 32 KiB; give it room for whole templates.
  const tree = parser.parse(text, undefined, { bufferSize: Math.max(32 * 1024, text.length * 4) });
  return { path, text, tree, root: tree.rootNode };
}

export function loadBicepFiles(dir) {
  const files = [];
  const visit = (d) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (entry.name.endsWith('.bicep')) files.push(parseBicep(readFileSync(full, 'utf8'), resolve(full)));
    }
  };
  visit(dir);
  return files.sort((a, b) => a.path.localeCompare(b.path));
}

export function* descendants(node) {
  const cursor = node.walk();
  let done = false;
  while (!done) {
    yield cursor.currentNode;
    if (cursor.gotoFirstChild()) continue;
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent()) { done = true; break; }
    }
  }
}

export const ofType = (node, type) => [...descendants(node)].filter((n) => n.type === type);
export const line = (node) => node.startPosition.row + 1;

/** Syntax errors: ERROR nodes and MISSING tokens the parser inserted. */
export function syntaxErrors(file) {
  return [...descendants(file.root)]
    .filter((n) => n.type === 'ERROR' || n.isMissing)
    .map((n) => ({ line: line(n), text: n.text.slice(0, 60) }));
}

/** Literal text of a string without interpolation; undefined otherwise. */
export function stringLiteral(node) {
  if (!node || node.type !== 'string') return undefined;
  if (node.namedChildren.some((c) => c.type === 'interpolation')) return undefined;
  const text = node.text;
  if (text.startsWith("'''")) return text.slice(3, -3);
  return text.slice(1, -1).replace(/\\'/g, "'").replace(/\\\\/g, '\\');
}

export function propertyKey(prop) {
  const key = prop.namedChildren[0];
  if (!key) return undefined;
  return key.type === 'string' ? stringLiteral(key) : key.text;
}

/** The value node of `name:` in an object node (first match), or undefined. */
export function property(objectNode, name) {
  if (!objectNode || objectNode.type !== 'object') return undefined;
  for (const prop of objectNode.namedChildren) {
    if (prop.type === 'object_property' && propertyKey(prop) === name) return prop.namedChildren[1];
  }
  return undefined;
}

export function propertyPath(objectNode, ...names) {
  let node = objectNode;
  for (const name of names) {
    node = unwrap(property(node, name));
    if (!node) return undefined;
  }
  return node;
}

export function unwrap(node) {
  while (node && node.type === 'parenthesized_expression') node = node.namedChildren[0];
  return node;
}

export const isTrue = (node) => unwrap(node)?.type === 'boolean' && unwrap(node).text === 'true';
export const isFalse = (node) => unwrap(node)?.type === 'boolean' && unwrap(node).text === 'false';

/** The decorators node that precedes a declaration, if any. */
export function decoratorsOf(declaration) {
  const previous = declaration.previousNamedSibling;
  return previous && previous.type === 'decorators' ? previous : undefined;
}

export function hasDecorator(declaration, name) {
  const decorators = decoratorsOf(declaration);
  if (!decorators) return false;
  return ofType(decorators, 'decorator').some((d) => {
    const call = d.namedChildren[0];
    const fn = call?.childForFieldName('function');
    return fn?.text === name || fn?.text === `sys.${name}`;
  });
}

/** Resource declarations: symbol, type, api version, body object (loop/condition unwrapped). */
export function resources(file) {
  return ofType(file.root, 'resource_declaration').map((decl) => {
    const [symbol, typeString] = decl.namedChildren;
    const [type, apiVersion] = (stringLiteral(typeString) ?? '').split('@');
    const existing = decl.children.some((c) => c.type === 'existing');
    return { decl, symbol: symbol.text, type, apiVersion, existing, body: bodyOf(decl), file };
  });
}

function bodyOf(declaration) {
  let node = declaration.namedChildren[declaration.namedChildren.length - 1];
  for (;;) {
    node = unwrap(node);
    if (!node) return undefined;
    if (node.type === 'object') return node;
    if (node.type === 'for_statement') node = node.childForFieldName('body') ?? node.namedChildren[node.namedChildren.length - 1];
    else if (node.type === 'if_statement') node = node.namedChildren[node.namedChildren.length - 1];
    else return undefined;
  }
}

export function declarations(file, type) {
  return file.root.namedChildren
    .filter((n) => n.type === type)
    .map((n) => ({ node: n, name: n.namedChildren[0].text, value: n.namedChildren[n.namedChildren.length - 1] }));
}

export const relativePath = (path, base) => relative(base, path).split('\\').join('/');

/** Module declarations and the absolute path of the file each one deploys. */
export function modules(file) {
  return ofType(file.root, 'module_declaration').map((decl) => {
    const [symbol, pathString] = decl.namedChildren;
    const target = stringLiteral(pathString);
    return { decl, symbol: symbol.text, target: target && resolve(dirname(file.path), target), body: bodyOf(decl) };
  });
}

/** The condition of `resource x '...' = if (condition) {...}`, unwrapped; undefined when unconditional. */
export function conditionOf(declaration) {
  const last = declaration.namedChildren[declaration.namedChildren.length - 1];
  return last?.type === 'if_statement' ? unwrap(last.namedChildren[0]) : undefined;
}

/** A string's text with each `${...}` replaced by `{}`: the shape of an interpolated string. */
export function stringShape(node) {
  if (!node || node.type !== 'string') return undefined;
  const literal = stringLiteral(node);
  if (literal !== undefined) return literal;
  return node.namedChildren.map((c) => (c.type === 'interpolation' ? '{}' : c.text)).join('');
}

/** Expression text with whitespace and outer parentheses removed, to compare two conditions. */
export const normalized = (node) => unwrap(node)?.text.replace(/\s+/g, '') ?? '';
