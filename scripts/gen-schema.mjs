// Generates the bundled Kubernetes schema from the .d.ts files of the installed kubernetes-models
// package, so the extension never fetches a schema:
//   generated/k8s-schema.json  definitions with descriptions (hover, completion, messages)
//   generated/validators.js    ajv validators compiled here, at build time (standalone code), so the
//                              editor does not pay ajv's compile time (~0.3-1 s) on the first document.
//
// The .d.ts files are machine-written and regular (one interface or type alias per file, quoted
// property names, JSDoc above each property), so a small tokenizer is enough and keeps this fast;
// loading the TypeScript compiler alone would cost more than the whole run.
// Usage: node scripts/gen-schema.mjs [--force] [--out DIR]   (--out: write elsewhere, for tests)
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const models = join(root, 'node_modules', 'kubernetes-models');
const outArg = process.argv.indexOf('--out');
const outDir = outArg > 0 ? resolve(process.argv[outArg + 1]) : join(root, 'server', 'src', 'core', 'schema', 'generated');
const outFile = join(outDir, 'k8s-schema.json');
const validatorsFile = join(outDir, 'validators.js');
const validatorsTypes = join(outDir, 'validators.d.ts');

/** The kinds the engine validates and the file declaring each. */
const ROOTS = [
  { kind: 'StatefulSet', apiVersion: 'apps/v1', file: 'apps/v1/StatefulSet.d.ts' },
  { kind: 'Service', apiVersion: 'v1', file: 'v1/Service.d.ts' },
  { kind: 'PersistentVolumeClaim', apiVersion: 'v1', file: 'v1/PersistentVolumeClaim.d.ts' },
  { kind: 'PersistentVolume', apiVersion: 'v1', file: 'v1/PersistentVolume.d.ts' },
  { kind: 'ConfigMap', apiVersion: 'v1', file: 'v1/ConfigMap.d.ts' },
  // A bare Pod is validated like a StatefulSet's pod template (study notes start with Pods).
  { kind: 'Pod', apiVersion: 'v1', file: 'v1/Pod.d.ts' },
];

/** Inline object types get a readable name instead of a synthetic one. */
const INLINE_NAMES = { 'StatefulSetSpec.volumeClaimTemplates': 'VolumeClaimTemplate' };

/** Type aliases with a meaning of their own in the API (both accept a number and a string). */
const SPECIAL_ALIASES = { Quantity: 'quantity', IntOrString: 'intOrString' };

function packageDir(name) {
  for (const base of [join(models, 'node_modules'), join(root, 'node_modules')]) {
    const p = join(base, ...name.split('/'));
    if (existsSync(join(p, 'package.json'))) return p;
  }
  throw new Error(`gen-schema: package ${name} is not installed (run npm install)`);
}

const apimachinery = packageDir('@kubernetes-models/apimachinery');
const inputs = [
  fileURLToPath(import.meta.url),
  join(models, 'package.json'),
  join(apimachinery, 'package.json'),
  join(root, 'node_modules', 'ajv', 'package.json'),
];

function upToDate() {
  const outs = [outFile, validatorsFile, validatorsTypes];
  if (process.argv.includes('--force') || !outs.every((f) => existsSync(f))) return false;
  const out = Math.min(...outs.map((f) => statSync(f).mtimeMs));
  return inputs.every((f) => statSync(f).mtimeMs <= out);
}

// ---------- tokenizer ----------

const TOKEN = /\s+|\/\*\*([\s\S]*?)\*\/|\/\*[\s\S]*?\*\/|\/\/[^\n]*|"((?:[^"\\]|\\.)*)"|([A-Za-z_$][\w$]*)|(-?\d+(?:\.\d+)?)|([{}()<>[\]|;:?,=&.])/y;

function tokenize(text, file) {
  const out = [];
  TOKEN.lastIndex = 0;
  let doc;
  while (TOKEN.lastIndex < text.length) {
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(text);
    if (!m) throw new Error(`gen-schema: cannot tokenize ${file} at offset ${at}: ${JSON.stringify(text.slice(at, at + 30))}`);
    if (m[1] !== undefined) doc = cleanDoc(m[1]);
    else if (m[2] !== undefined) out.push({ t: 'str', v: JSON.parse(`"${m[2]}"`), doc: take() });
    else if (m[3] !== undefined) out.push({ t: 'id', v: m[3], doc: take() });
    else if (m[4] !== undefined) out.push({ t: 'num', v: Number(m[4]), doc: take() });
    else if (m[5] !== undefined) out.push({ t: 'p', v: m[5], doc: take() });
  }
  return out;
  function take() {
    const d = doc;
    doc = undefined;
    return d;
  }
}

function cleanDoc(body) {
  return body
    .split('\n')
    .map((l) => l.replace(/^\s*\*\s?/, ''))
    .join('\n')
    .trim();
}

// ---------- parser ----------

/** Parses one .d.ts file: its imports and its main declaration (interface members or alias type). */
function parseFile(file) {
  const text = readFileSync(file, 'utf8');
  const toks = tokenize(text, file);
  const imports = new Map();
  let i = 0;
  const peek = (k = 0) => toks[i + k];
  const is = (v, k = 0) => toks[i + k] && toks[i + k].v === v && toks[i + k].t !== 'str';
  const expect = (v) => {
    if (!is(v)) throw new Error(`gen-schema: ${file}: expected '${v}', got ${JSON.stringify(peek())}`);
    return toks[i++];
  };
  let decl;
  while (i < toks.length) {
    if (is('import') && (is('{', 1) || is('type', 1))) {
      i++;
      if (is('type')) i++;
      expect('{');
      const names = [];
      while (!is('}')) {
        const n = toks[i++].v;
        if (is('as')) {
          i++;
          names.push(toks[i++].v);
        } else names.push(n);
        if (is(',')) i++;
      }
      expect('}');
      expect('from');
      const spec = toks[i++].v;
      for (const n of names) imports.set(n, spec);
      if (is(';')) i++;
      continue;
    }
    if (!decl && is('export') && is('interface', 1)) {
      const doc = peek().doc;
      i += 2;
      const name = toks[i++].v;
      while (!is('{')) i++; // skip `extends TypeMeta`
      decl = { form: 'interface', name, doc, members: parseMembers() };
      continue;
    }
    if (!decl && is('export') && is('type', 1) && peek(2)?.t === 'id' && is('=', 3)) {
      const doc = peek().doc;
      i += 2;
      const name = toks[i++].v;
      i++;
      decl = { form: 'alias', name, doc, type: parseType() };
      continue;
    }
    i++;
  }
  if (!decl) throw new Error(`gen-schema: ${file}: no interface or type alias found`);
  return { file, imports, decl };

  function parseMembers() {
    expect('{');
    const members = [];
    while (!is('}')) {
      if (is('[')) {
        // index signature: [key: string]: T;
        i++;
        i++;
        expect(':');
        i++;
        expect(']');
        expect(':');
        members.push({ index: true, type: parseType() });
      } else {
        const tok = toks[i++];
        const optional = is('?');
        if (optional) i++;
        expect(':');
        members.push({ name: tok.v, doc: tok.doc, optional, type: parseType() });
      }
      if (is(';') || is(',')) i++;
    }
    expect('}');
    return members;
  }

  function parseType() {
    if (is('|')) i++;
    const parts = [parsePostfix()];
    while (is('|')) {
      i++;
      parts.push(parsePostfix());
    }
    return parts.length === 1 ? parts[0] : { k: 'union', parts };
  }

  function parsePostfix() {
    let t = parsePrimary();
    while (is('[') && is(']', 1)) {
      i += 2;
      t = { k: 'array', items: t };
    }
    return t;
  }

  function parsePrimary() {
    const tok = peek();
    if (tok.t === 'str') {
      i++;
      return { k: 'lit', v: tok.v };
    }
    if (tok.t === 'num') {
      i++;
      return { k: 'lit', v: tok.v };
    }
    if (is('(')) {
      i++;
      const t = parseType();
      expect(')');
      return t;
    }
    if (is('{')) return { k: 'object', members: parseMembers() };
    if (tok.t === 'id') {
      i++;
      if (tok.v === 'Array' && is('<')) {
        i++;
        const items = parseType();
        expect('>');
        return { k: 'array', items };
      }
      if (['string', 'number', 'boolean', 'any', 'unknown', 'null', 'object'].includes(tok.v)) return { k: 'prim', v: tok.v };
      return { k: 'ref', name: tok.v };
    }
    throw new Error(`gen-schema: ${file}: unexpected token ${JSON.stringify(tok)}`);
  }
}

// ---------- conversion ----------

const parsed = new Map(); // file -> parse result
const defs = new Map(); // def name -> definition
const defFile = new Map(); // def name -> file (to detect two files claiming one name)

function load(file) {
  let p = parsed.get(file);
  if (!p) {
    p = parseFile(file);
    parsed.set(file, p);
  }
  return p;
}

function resolveImport(fromFile, spec) {
  if (spec.startsWith('.')) return resolve(dirname(fromFile), spec.replace(/\.js$/, '.d.ts'));
  const m = /^(@kubernetes-models\/[^/]+)\/(.+)$/.exec(spec);
  if (!m) return undefined; // @kubernetes-models/base: TypeMeta etc., not part of the data model
  return join(packageDir(m[1]), m[2] + '.d.ts');
}

const shortName = (file) => file.replace(/\\/g, '/').split('/').pop().replace(/\.d\.ts$/, '');

/** Converts a parsed type to the compact schema form; `ctx` names inline objects. */
function convert(t, from, ctx) {
  switch (t.k) {
    case 'prim':
      if (t.v === 'string') return { type: 'string' };
      if (t.v === 'number') return { type: 'integer' }; // no floats in these kinds
      if (t.v === 'boolean') return { type: 'boolean' };
      return { type: 'any' };
    case 'lit':
      return typeof t.v === 'string' ? { type: 'string', enum: [t.v] } : { type: 'integer' };
    case 'array':
      return { type: 'array', items: convert(t.items, from, ctx) };
    case 'union': {
      const parts = t.parts.map((p) => convert(p, from, ctx));
      if (parts.every((p) => p.type === 'string' && p.enum)) return { type: 'string', enum: [...new Set(parts.flatMap((p) => p.enum))] };
      const kinds = new Set(parts.map((p) => p.type));
      if (kinds.size === 2 && kinds.has('string') && kinds.has('integer')) return { type: 'intOrString' };
      throw new Error(`gen-schema: ${from.file}: unsupported union in ${ctx}`);
    }
    case 'object': {
      const index = t.members.find((m) => m.index);
      if (index) return { type: 'map', values: convert(index.type, from, ctx) };
      if (!t.members.length) return { type: 'any' };
      const name = INLINE_NAMES[ctx] ?? ctx.replace(/\.(\w)/g, (_m, c) => c.toUpperCase());
      addDef(name, { doc: undefined, members: t.members }, from);
      return { type: 'object', ref: name };
    }
    case 'ref': {
      const spec = from.imports.get(t.name);
      const target = spec && resolveImport(from.file, spec);
      if (!target) return { type: 'any' };
      const p = load(target);
      const name = shortName(target);
      if (p.decl.form === 'alias') {
        if (SPECIAL_ALIASES[name]) return { type: SPECIAL_ALIASES[name] };
        return convert(p.decl.type, p, name);
      }
      if (!p.decl.members.length) return { type: 'any' }; // e.g. FieldsV1: free-form JSON
      addDef(name, p.decl, p);
      return { type: 'object', ref: name };
    }
  }
  throw new Error(`gen-schema: unknown type node ${JSON.stringify(t)}`);
}

function addDef(name, decl, from) {
  const owner = `${from.file}#${decl.name ?? name}`;
  if (defFile.has(name)) {
    if (defFile.get(name) !== owner) throw new Error(`gen-schema: two types named ${name}: ${defFile.get(name)} and ${owner}`);
    return;
  }
  defFile.set(name, owner);
  const def = { description: decl.doc ?? '', properties: {}, required: [] };
  defs.set(name, def); // before converting members: types may be recursive (JSONSchemaProps-like)
  for (const m of decl.members) {
    if (m.index) continue;
    const prop = convert(m.type, from, `${name}.${m.name}`);
    if (m.doc) prop.description = m.doc;
    def.properties[m.name] = prop;
    if (!m.optional) def.required.push(m.name);
  }
}

function generate() {
  const kinds = {};
  for (const r of ROOTS) {
    const p = load(join(models, r.file));
    addDef(r.kind, p.decl, p);
    kinds[r.kind] = { apiVersion: r.apiVersion, definition: r.kind };
  }
  const sorted = {};
  for (const name of [...defs.keys()].sort()) sorted[name] = defs.get(name);
  const version = JSON.parse(readFileSync(join(models, 'package.json'), 'utf8')).version;
  return { source: `kubernetes-models@${version}`, kinds, definitions: sorted };
}

// ---------- JSON Schema + ajv standalone validators ----------

/** Property type -> JSON Schema. null is accepted wherever a value is optional: the API server treats `field: null` as unset. */
function typeSchema(t) {
  switch (t.type) {
    case 'string':
      return t.enum ? { type: ['string', 'null'], enum: [...t.enum, null] } : { type: ['string', 'null'] };
    case 'integer':
      return { type: ['integer', 'null'] };
    case 'boolean':
      return { type: ['boolean', 'null'] };
    case 'quantity':
      return { type: ['string', 'number', 'null'] };
    case 'intOrString':
      return { type: ['string', 'integer', 'null'] };
    case 'array':
      return { type: ['array', 'null'], items: typeSchema(t.items) };
    case 'map':
      return { type: ['object', 'null'], additionalProperties: typeSchema(t.values) };
    case 'object':
      return { $ref: `#/definitions/${t.ref}` };
    default:
      return {};
  }
}

/** Strict objects (additionalProperties false). apiVersion/kind at a kind's root are left to the api-version / unknown-kind rules. */
function jsonSchema(bundle) {
  const roots = new Set(Object.values(bundle.kinds).map((k) => k.definition));
  const definitions = {};
  for (const [name, d] of Object.entries(bundle.definitions)) {
    const isRoot = roots.has(name);
    const properties = {};
    for (const [p, t] of Object.entries(d.properties)) properties[p] = isRoot && (p === 'apiVersion' || p === 'kind') ? {} : typeSchema(t);
    const required = isRoot ? d.required.filter((n) => n !== 'apiVersion' && n !== 'kind') : d.required;
    definitions[name] = { type: isRoot ? 'object' : ['object', 'null'], properties, ...(required.length ? { required } : {}), additionalProperties: false };
  }
  return { $id: 'k8s', definitions };
}

function validatorsCode(bundle) {
  const require = createRequire(join(root, 'package.json'));
  const Ajv = require('ajv').default;
  const standaloneCode = require('ajv/dist/standalone').default;
  const ajv = new Ajv({ allErrors: true, strict: false, inlineRefs: false, messages: false, code: { source: true } });
  ajv.addSchema(jsonSchema(bundle));
  const refs = {};
  for (const [kind, k] of Object.entries(bundle.kinds)) refs[kind] = `k8s#/definitions/${k.definition}`;
  const kinds = Object.keys(bundle.kinds);
  const types = [
    '// Generated by scripts/gen-schema.mjs: ajv validators per kind (errors use ajv error objects).',
    "import type { ErrorObject } from 'ajv';",
    'export interface Validator {',
    '  (data: unknown): boolean;',
    '  errors?: ErrorObject[] | null;',
    '}',
    ...kinds.map((k) => `export declare const ${k}: Validator;`),
    '',
  ].join('\n');
  return { code: `// Generated by scripts/gen-schema.mjs from ${bundle.source}: do not edit.\n${standaloneCode(ajv, refs)}`, types };
}

const t0 = performance.now();
if (upToDate()) process.exit(0);
const bundle = generate();
const json = JSON.stringify(bundle);
const tParsed = performance.now();
const validators = validatorsCode(bundle);
mkdirSync(outDir, { recursive: true });
writeFileSync(outFile, json);
writeFileSync(validatorsFile, validators.code);
writeFileSync(validatorsTypes, validators.types);
const ms = (x) => x.toFixed(0);
console.log(
  `gen-schema: ${Object.keys(bundle.definitions).length} definitions from ${parsed.size} files, schema ${(json.length / 1024).toFixed(0)} KiB, ` +
    `validators ${(validators.code.length / 1024).toFixed(0)} KiB; parse ${ms(tParsed - t0)} ms, ajv ${ms(performance.now() - tParsed)} ms`,
);
