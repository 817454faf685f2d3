// Values of the wrong JSON type (`replicas: "3"`, a number as env value or label value): the API server rejects them.
import { isMap, isScalar, isSeq, Scalar } from 'yaml';
import { KNOWN_KINDS, type Resource } from '../model';
import { getIn, keyText, type PathSeg } from '../nodes';
import type { DocRule, RuleContext } from '../rule';
import { definition, typeAt } from '../schema/index';
import { describeValue, expectedText, humanPath, schemaSubject, sourceText } from '../schema/support';
import type { TypeSpec } from '../schema/types';
import { validateDocument } from '../schema/validate';
import type { Fix } from '../types';

export const invalidType: DocRule = {
  code: 'invalid-type',
  severity: 'error',
  description: 'A value of the wrong type, e.g. a quoted number where an integer is expected or a bare number where a string is expected.',
  kinds: KNOWN_KINDS,
  check(resource, ctx) {
    // After a syntax error: the document with its broken lines blanked (support.ts).
    const subject = schemaSubject(resource, ctx.settings.limits);
    if (!subject) return;
    const { kind, r } = subject;
    for (const p of validateDocument(kind, r.value!)) {
      if (p.code !== 'invalid-type') continue;
      const node = getIn(r.root, p.path);
      // kubectl reads YAML 1.1: a plain `yes`/`on` is already the boolean a boolean field wants.
      if (p.expected?.type === 'boolean' && isPlain(node) && YAML11_BOOL.test(String(p.value))) continue;
      ctx.report(r, { path: p.path, message: message(kind, p.path, p.expected, p.value), fixes: fixes(r, ctx, node, p.expected, p.value) });
    }
    // The tree walk (which tells plain scalars from quoted ones) only when some value could be one.
    if (hasYaml11BoolText(r.value)) yaml11Booleans(r, ctx, kind);
  },
};

// kubectl converts YAML with YAML 1.1 rules, where a plain y/yes/on/off/n/no is a boolean; this parser
// (YAML 1.2) reads them as strings. Where the API wants a string, kubectl sends a boolean and is refused.
const YAML11_BOOL = /^(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/;

/** Whether a string value anywhere in `v` reads as a YAML 1.1 boolean (a plain one is a string here). */
function hasYaml11BoolText(v: unknown, depth = 0): boolean {
  if (typeof v === 'string') return v.length <= 3 && YAML11_BOOL.test(v);
  if (v === null || typeof v !== 'object' || depth > 200) return false;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) if (hasYaml11BoolText(v[i], depth + 1)) return true;
    return false;
  }
  const o = v as Record<string, unknown>;
  for (const k in o) if (hasYaml11BoolText(o[k], depth + 1)) return true;
  return false;
}

function isPlain(n: unknown): boolean {
  return isScalar(n) && (n as Scalar).type === Scalar.PLAIN;
}

function yaml11Booleans(r: Resource, ctx: RuleContext, kind: string): void {
  const walk = (n: unknown, t: TypeSpec | undefined, path: PathSeg[]): void => {
    if (!t || t.type === 'any') return;
    if (isMap(n)) {
      const d = t.type === 'object' ? definition(t.ref) : undefined;
      for (const it of n.items) {
        const k = keyText(it);
        if (k === undefined) continue;
        const ct = d ? d.properties[k] : t.type === 'map' ? t.values : undefined;
        if (ct && (!d || Object.prototype.hasOwnProperty.call(d.properties, k))) walk(it.value, ct, [...path, k]);
      }
    } else if (isSeq(n)) {
      if (t.type === 'array') n.items.forEach((it, i) => walk(it, t.items, [...path, i]));
    } else if (isPlain(n) && ['string', 'intOrString', 'quantity'].includes(t.type)) {
      const v = (n as Scalar).value;
      if (typeof v !== 'string' || !YAML11_BOOL.test(v)) return;
      const span = ctx.span(r, n);
      const b = /^(y|yes|on)$/i.test(v);
      const what = path[path.length - 1] === 'value' && path[path.length - 3] === 'env' ? 'env value' : `"${humanPath(path)}"`;
      ctx.report(r, {
        node: n,
        message: `kubectl reads the unquoted ${v} as the boolean ${b} (YAML 1.1), but ${what} must be a string: quote it ("${v}").`,
        fixes: span ? [{ title: `Quote the value: "${v}"`, edits: [{ uri: r.uri, ...span, newText: `"${v}"` }], isPreferred: true }] : undefined,
      });
    }
  };
  walk(r.root, typeAt(kind, []), []);
}

function message(kind: string, path: PathSeg[], expected: TypeSpec | undefined, value: unknown): string {
  const scalarNotString = typeof value === 'number' || typeof value === 'boolean';
  if (expected?.type === 'string' && scalarNotString) {
    const n = path.length;
    const parent = path[n - 2];
    if (path[n - 1] === 'value' && path[n - 3] === 'env') return `env value must be a string: quote it ("${value}"). The API server rejects ${describeValue(value)} here.`;
    if (parent === 'labels') return `Label values must be strings: quote it ("${value}").`;
    if (parent === 'annotations') return `Annotation values must be strings: quote it ("${value}").`;
    if (kind === 'ConfigMap' && parent === 'data' && n === 2) return `ConfigMap data values must be strings: quote it ("${value}").`;
    return `"${humanPath(path)}" must be a string, got ${describeValue(value)}: quote it.`;
  }
  if (kind === 'Service' && path.length === 3 && path[1] === 'selector' && (path[2] === 'matchLabels' || path[2] === 'matchExpressions')) {
    return `A Service selector is a plain label map (selector: {app: web}), not a LabelSelector: ${path[2]} is not supported here.`;
  }
  const field = typeof path[path.length - 1] === 'number' ? humanPath(path) : String(path[path.length - 1] ?? 'value');
  return `Wrong type for "${field}": expected ${expectedText(expected)}, got ${describeValue(value)}.`;
}

function fixes(r: Resource, ctx: RuleContext, node: unknown, expected: TypeSpec | undefined, value: unknown): Fix[] | undefined {
  if (!isScalar(node)) return undefined;
  const span = ctx.span(r, node);
  const text = sourceText(r, node);
  if (!span || text === undefined) return undefined;
  const edit = (newText: string, title: string): Fix[] => [{ title, edits: [{ uri: r.uri, ...span, newText }], isPreferred: true }];
  if (expected?.type === 'string' && (typeof value === 'number' || typeof value === 'boolean')) return edit(JSON.stringify(text), `Quote the value: ${JSON.stringify(text)}`);
  if (expected?.type === 'integer' && typeof value === 'string' && /^-?\d+$/.test(value.trim())) return edit(String(Number(value.trim())), `Use the number ${Number(value.trim())}`);
  if (expected?.type === 'boolean' && typeof value === 'string' && /^(true|false)$/i.test(value.trim())) return edit(value.trim().toLowerCase(), `Use the boolean ${value.trim().toLowerCase()}`);
  return undefined;
}
