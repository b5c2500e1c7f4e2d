// Reads `public const string X = ...;` declarations from a C# file: string literals and
// concatenations of literals and earlier constants (e.g. `DeliveryQueue + "-poison"`).
export function readStringConstants(source) {
  const constants = {};
  const declaration = /public\s+const\s+string\s+(\w+)\s*=\s*([^;]+);/g;
  for (const [, name, expression] of source.matchAll(declaration)) {
    const parts = expression.split('+').map((p) => p.trim());
    const values = parts.map((part) => {
      const literal = /^"((?:[^"\\]|\\.)*)"$/.exec(part);
      if (literal) return literal[1].replace(/\\(.)/g, '$1');
      if (part in constants) return constants[part];
      throw new Error(`cannot evaluate ${name} = ${expression}: unknown part ${part}`);
    });
    constants[name] = values.join('');
  }
  return constants;
}
