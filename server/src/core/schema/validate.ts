// Structural validation of one document against the bundled schema. The ajv validators are compiled at
// build time (scripts/gen-schema.mjs, standalone code), so the first document costs no compile step.
// The last document's results are kept, so the schema rules of a document share one validation run.
// A conforming document (most are) is answered by conforms.ts without running its validator.
import type { ErrorObject } from 'ajv';
import { kindDefinition, typeAt } from './bundle';
import { conforms } from './conforms';
import * as validators from './generated/validators';
import type { Validator } from './generated/validators';
import type { TypeSpec } from './types';

export type Path = (string | number)[];

export type SchemaProblem =
  /** `key` is not a field of the object at `path`. */
  | { code: 'unknown-field'; path: Path; key: string }
  /** The value at `path` has the wrong JSON type; `expected` is the schema type there. */
  | { code: 'invalid-type'; path: Path; expected: TypeSpec | undefined; value: unknown }
  | { code: 'invalid-enum'; path: Path; allowed: string[]; value: unknown }
  /** The object at `path` lacks the required field `field`. */
  | { code: 'missing-required'; path: Path; field: string };

// One entry, the last document: the schema rules of a document run one after the other, and a WeakMap
// of every document costs lookups and collector work on its entries.
let last: { kind: string; value: object; problems: SchemaProblem[] } | undefined;

function validatorFor(kind: string): Validator | undefined {
  if (!kindDefinition(kind)) return undefined;
  const v = (validators as unknown as Record<string, Validator | undefined>)[kind];
  return typeof v === 'function' ? v : undefined;
}

/** Problems of `value` (a document's plain JS value) as a `kind`; [] for kinds without a schema. */
export function validateDocument(kind: string, value: Record<string, unknown>): SchemaProblem[] {
  if (last && last.value === value && last.kind === kind) return last.problems;
  const v = validatorFor(kind);
  const out: SchemaProblem[] = [];
  if (v && !conforms(kind, value) && !v(value)) {
    const typed = new Set<string>();
    const errors: ErrorObject[] = v.errors ?? [];
    for (const e of errors) if (e.keyword === 'type') typed.add(e.instancePath);
    for (const e of errors) {
      const p = toProblem(kind, value, e, typed);
      if (p) out.push(p);
    }
  }
  last = { kind, value, problems: out };
  return out;
}

function toProblem(kind: string, root: unknown, e: ErrorObject, typed: Set<string>): SchemaProblem | undefined {
  const path = decodePointer(e.instancePath, root);
  switch (e.keyword) {
    case 'additionalProperties':
      return { code: 'unknown-field', path, key: String((e.params as { additionalProperty: string }).additionalProperty) };
    case 'type':
      return { code: 'invalid-type', path, expected: typeAt(kind, path), value: valueAt(root, path) };
    case 'enum':
      if (typed.has(e.instancePath)) return undefined; // the type error says it already
      return { code: 'invalid-enum', path, allowed: ((e.params as { allowedValues: unknown[] }).allowedValues ?? []).filter((x): x is string => typeof x === 'string'), value: valueAt(root, path) };
    case 'required':
      return { code: 'missing-required', path, field: String((e.params as { missingProperty: string }).missingProperty) };
    default:
      return undefined;
  }
}

/** JSON pointer -> path; a segment is a number only where the value there is an array. */
function decodePointer(ptr: string, root: unknown): Path {
  if (!ptr) return [];
  const out: Path = [];
  let cur: unknown = root;
  for (const raw of ptr.slice(1).split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(cur)) {
      const i = Number(seg);
      out.push(i);
      cur = cur[i];
    } else {
      out.push(seg);
      cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[seg] : undefined;
    }
  }
  return out;
}

function valueAt(root: unknown, path: Path): unknown {
  let cur = root;
  for (const seg of path) cur = cur && typeof cur === 'object' ? (cur as Record<string | number, unknown>)[seg] : undefined;
  return cur;
}
