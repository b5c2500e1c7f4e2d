// Project-level resolution over several .bicep files: follow identifiers to variables, parameters
// to the module call that sets them, and union()/ternaries to all their branches. Enough to list
// the app settings a deployment writes.
import { basename } from 'node:path';
import { declarations, line, modules, property, propertyKey, propertyPath, resources, stringLiteral, unwrap } from './bicep-tree.mjs';
import { bicepShape } from './hub-policy-type.mjs';

/**
 * Variables whose app settings are computed at deployment (so their names cannot be listed here):
 * the prefix they all share, and the Bicep type (in hub-policies.bicep) that says which names below
 * `<prefix><entry>__` can occur.
 */
export const COMPUTED_SETTINGS = new Map([
  ['hubSettings', { prefix: 'FanOut__Hubs__', type: 'hubPolicy', typeFile: 'hub-policies.bicep' }],
]);

export class Project {
  constructor(files, mainPath) {
    this.files = files;
    this.byPath = new Map(files.map((f) => [f.path, f]));
    this.main = files.find((f) => f.path === mainPath);
  }

  callersOf(file) {
    return this.files.flatMap((caller) => modules(caller).filter((m) => m.target === file.path).map((m) => ({ caller, module: m })));
  }

  /** Every (key, value node, file) of an object-valued expression; { computed } for COMPUTED_SETTINGS. */
  objectEntries(node, file, seen = new Set()) {
    node = unwrap(node);
    if (!node) return [];
    if (node.type === 'identifier' && COMPUTED_SETTINGS.has(node.text) && declarations(file, 'variable_declaration').some((v) => v.name === node.text)) {
      return [{ key: undefined, computed: { name: node.text, ...COMPUTED_SETTINGS.get(node.text) }, value: node, file }];
    }
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

  /** Entries { key, value, file } (or { computed }) of every app settings resource or siteConfig.appSettings list. */
  appSettingEntries() {
    const entries = [];
    for (const file of this.files) {
      for (const r of resources(file).filter((x) => x.type === 'Microsoft.Web/sites/config' && !x.existing)) {
        if (stringLiteral(unwrap(property(r.body, 'name'))) !== 'appsettings') continue;
        entries.push(...this.objectEntries(property(r.body, 'properties'), file));
      }
      for (const r of resources(file).filter((x) => x.type === 'Microsoft.Web/sites' && !x.existing)) {
        const list = unwrap(propertyPath(r.body, 'properties', 'siteConfig', 'appSettings'));
        for (const item of list?.type === 'array' ? list.namedChildren : []) {
          const key = stringLiteral(unwrap(property(item, 'name')));
          if (key) entries.push({ key, value: property(item, 'value'), file });
        }
      }
    }
    return entries;
  }

  /** App settings with names known before deployment: key -> [literal values]. */
  appSettings() {
    const settings = new Map();
    for (const entry of this.appSettingEntries().filter((e) => !e.computed)) {
      settings.set(entry.key, [...(settings.get(entry.key) ?? []), ...this.stringValues(entry.value, entry.file)]);
    }
    return settings;
  }

  /** Settings computed at deployment: [{ name, prefix, shape }] with the shape of one entry below the prefix. */
  computedSettings() {
    return this.appSettingEntries().filter((e) => e.computed).map(({ computed }) => {
      const typeFile = this.files.find((f) => basename(f.path) === computed.typeFile);
      if (!typeFile) throw new Error(`${computed.name}: no ${computed.typeFile} declares type ${computed.type}`);
      return { name: computed.name, prefix: computed.prefix, shape: bicepShape(typeFile, computed.type) };
    });
  }
}
