// Converts the bundled definitions to JSON Schema for ajv: strict objects (additionalProperties false),
// and null accepted wherever a value is optional, as the API server treats `field: null` as unset.
import { SCHEMA } from './bundle';
import type { Definition, TypeSpec } from './types';

type JsonSchema = Record<string, unknown>;

export const SCHEMA_ID = 'k8s';

function typeSchema(t: TypeSpec): JsonSchema {
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
      return { type: ['array', 'null'], items: t.items ? typeSchema(t.items) : {} };
    case 'map':
      return { type: ['object', 'null'], additionalProperties: t.values ? typeSchema(t.values) : {} };
    case 'object':
      return { $ref: `#/definitions/${t.ref}` };
    default:
      return {};
  }
}

function defSchema(d: Definition, isKindRoot: boolean): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const [name, t] of Object.entries(d.properties)) {
    // apiVersion/kind at a kind's root are checked by the api-version / unknown-kind rules, with better messages.
    properties[name] = isKindRoot && (name === 'apiVersion' || name === 'kind') ? { type: 'string' } : typeSchema(t);
  }
  const required = isKindRoot ? d.required.filter((n) => n !== 'apiVersion' && n !== 'kind') : d.required;
  return {
    type: isKindRoot ? 'object' : ['object', 'null'],
    properties,
    ...(required.length ? { required } : {}),
    additionalProperties: false,
  };
}

/** One JSON Schema holding every definition; a kind validates against `k8s#/definitions/<Kind>`. */
export function buildJsonSchema(): JsonSchema {
  const roots = new Set(Object.values(SCHEMA.kinds).map((k) => k.definition));
  const definitions: Record<string, JsonSchema> = {};
  for (const [name, d] of Object.entries(SCHEMA.definitions)) definitions[name] = defSchema(d, roots.has(name));
  return { $id: SCHEMA_ID, definitions };
}
