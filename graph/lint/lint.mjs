// Lints Cypher files with Neo4j's own parser and semantic analysis (@neo4j-cypher/language-support), offline,
// against the schema in schema.json. Usage: node lint.mjs [file-or-folder ...] (default: the graph/ folder).
// Prints one line per diagnostic and exits 1 when there is any, warnings included.
import { lintCypherQuery } from '@neo4j-cypher/language-support';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const graphFolder = resolve(here, '..');

function loadSchema() {
  const spec = JSON.parse(readFileSync(join(here, 'schema.json'), 'utf8'));
  const version = spec.defaultLanguage;
  const functions = Object.fromEntries(spec.functions.map((name) => [name, {
    name, category: '', description: '', isBuiltIn: true, argumentDescription: [], returnDescription: 'ANY',
    signature: `${name}()`, aggregating: ['avg', 'collect', 'count', 'max', 'sum'].includes(name), isDeprecated: false,
  }]));
  const describe = ([name, type, defaultValue]) =>
    ({ name, type, description: '', isDeprecated: false, ...(defaultValue === undefined ? {} : { default: defaultValue }) });
  const procedures = Object.fromEntries(Object.entries(spec.procedures).map(([name, p]) => [name, {
    name, description: '', mode: p.mode, worksOnSystem: false, signature: p.signature, admin: false,
    argumentDescription: p.arguments.map(describe), returnDescription: p.returns.map(describe), option: { deprecated: false },
  }]));
  return {
    labels: spec.labels,
    relationshipTypes: spec.relationshipTypes,
    propertyKeys: [...spec.propertyKeys, ...spec.mapKeys],
    functions: { [version]: functions },
    procedures: { [version]: procedures },
    defaultLanguage: version,
  };
}

function cypherFiles(path) {
  if (statSync(path).isFile()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .filter((entry) => entry.name !== 'node_modules')
    .flatMap((entry) => entry.isDirectory()
      ? cypherFiles(join(path, entry.name))
      : entry.name.endsWith('.cypher') ? [join(path, entry.name)] : [])
    .sort();
}

// A file's parameters are the ':param name => value' lines of its header (the value a JSON literal, which is Cypher too),
// so each statement says what it takes where analysts read it, and Neo4j Browser takes the same lines.
const paramLine = /^\/\/ :param (\w+) => (.+)$/;
function declaredParameters(text) {
  return Object.fromEntries(text.split('\n').map((line) => paramLine.exec(line.trim())).filter(Boolean)
    .map(([, name, value]) => [name, JSON.parse(value)]));
}

function usedParameters(text) {
  const code = text.split('\n').filter((line) => !line.trim().startsWith('//')).join('\n');
  return new Set([...code.matchAll(/\$([A-Za-z_]\w*)/g)].map((m) => m[1]));
}

const schema = loadSchema();
const targets = process.argv.slice(2).map((p) => resolve(p));
const files = (targets.length > 0 ? targets : [graphFolder]).flatMap(cypherFiles);
let problems = 0;
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const declared = declaredParameters(text);
  const used = usedParameters(text);
  const { diagnostics } = lintCypherQuery(text, { ...schema, parameters: declared });
  for (const d of diagnostics) {
    problems++;
    const severity = d.severity === 1 ? 'error' : 'warning';
    console.log(`${relative(process.cwd(), file)}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${severity}: ${d.message}`);
  }
  for (const name of Object.keys(declared).filter((n) => !used.has(n))) {
    problems++;
    console.log(`${relative(process.cwd(), file)}: error: ':param ${name}' is declared but the statement never uses $${name}.`);
  }
  for (const name of [...used].filter((n) => !(n in declared))) {
    problems++;
    console.log(`${relative(process.cwd(), file)}: error: $${name} is used but not declared; add '// :param ${name} => <example>' to the header.`);
  }
}
console.log(`${files.length} Cypher file(s) linted, ${problems} problem(s).`);
process.exit(problems > 0 || files.length === 0 ? 1 : 0);
