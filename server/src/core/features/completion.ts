// Completion: schema field names, enum values and workspace references at an offset (pure core).
// Works on half-typed YAML: the cursor's place is rebuilt from indentation (yamlContext.ts), with the yaml
// AST as the fallback for flow-style documents (astContext.ts); the names offered (volumes, Services,
// claims, labels) come from the parsed documents of the workspace index. Only the cursor's document is read.
import type { FileModel, Resource } from '../model';
import { namespaceOf } from '../model';
import type { ParsedDoc } from '../parse';
import type { Project } from '../project';
import { apiVersionOf, fieldInfo, fieldsAt, knownKinds, typeAt } from '../schema';
import { rankAndCap, type Capped, type Typed } from './completionRank';
import { referenceCandidates } from './completionRefs';
import { kindSnippets } from './completionSnippets';
import { labelCandidates } from './completionLabels';
import { astContextAt } from './astContext';
import { yamlContextAt, type ContextPath, type YamlContext } from './yamlContext';

export interface CompletionEntry {
  label: string;
  kind: 'field' | 'value' | 'reference' | 'snippet';
  detail?: string;
  documentation?: string;
  insertText: string;
  isSnippet: boolean;
  /** File span the insertText replaces (the word at the cursor). */
  replace?: { start: number; end: number };
}

/** The entries at `offset` (at most MAX_ITEMS of them; see completionList for whether more exist). */
export function completion(project: Project, uri: string, offset: number, opts: { snippetSupport: boolean }): CompletionEntry[] {
  return completionList(project, uri, offset, opts).items;
}

/**
 * Entries at `offset`, best first. Long lists (names from a large workspace) are ranked by how well they
 * match the typed word and capped; `isIncomplete` then tells the client to ask again as the user types.
 */
export function completionList(project: Project, uri: string, offset: number, opts: { snippetSupport: boolean }): Capped<CompletionEntry> {
  const none = { items: [], isIncomplete: false };
  const model = project.getFile(uri);
  if (!model || offset < 0 || offset > model.text.length) return none;
  const doc = docAt(model, offset);
  // Between documents (a blank chunk after `---`) the cursor line alone is the context.
  const base = doc ? doc.offset : offset > 0 ? model.text.lastIndexOf('\n', offset - 1) + 1 : 0;
  const text = doc ? doc.text : model.text.slice(base, lineEndAt(model.text, offset));
  const r = doc ? model.resources.find((x) => x.doc === doc) : undefined;
  const ctx = yamlContextAt(text, offset - base) ?? (r ? astContextAt(r, offset - base) : undefined);
  if (!ctx) return none;
  const kind = r?.kind ?? (doc ? /^kind:[ \t]*["']?([A-Za-z]+)/m.exec(doc.text)?.[1] : undefined);
  const replace = { start: base + ctx.replace.start, end: base + ctx.replace.end };
  const ns = r ? namespaceOf(r, project.settings.defaultNamespace) : project.settings.defaultNamespace;
  const typed: Typed = { typed: ctx.prefix, word: text.slice(ctx.replace.start, ctx.replace.end) };
  const env: Env = { project, r, kind, ns, ctx, replace, snippets: opts.snippetSupport, typed, incomplete: false };
  const entries = entriesAt(env);
  // Reference lists arrive capped already (built only for the names kept); this caps the rest (label pairs).
  const capped = rankAndCap(entries, (e) => e.label, typed);
  return { items: capped.items, isIncomplete: env.incomplete || capped.isIncomplete };
}

function entriesAt(env: Env): CompletionEntry[] {
  const { ctx, kind } = env;
  if (ctx.position === 'key') return fieldEntries(env, ctx.path);
  if (ctx.position === 'keyOrItem') {
    const t = kind ? typeAt(kind, ctx.path) : undefined;
    if (t && (t.type === 'object' || t.type === 'map')) return fieldEntries(env, ctx.path);
    return valueEntries(env, ctx.path);
  }
  if (ctx.position === 'item') return valueEntries(env, [...ctx.path, ctx.key ?? '', 0]);
  const values = valueEntries(env, [...ctx.path, ctx.key ?? '']);
  // Right after `key:` the value must be separated from the colon.
  if (ctx.needsSpace) for (const v of values) v.insertText = ` ${v.insertText}`;
  return values;
}

interface Env {
  project: Project;
  r: Resource | undefined;
  kind: string | undefined;
  ns: string;
  ctx: YamlContext;
  replace: { start: number; end: number };
  snippets: boolean;
  typed: Typed;
  /** Set when a list was cut to MAX_ITEMS. */
  incomplete: boolean;
}

function docAt(model: FileModel, offset: number): ParsedDoc | undefined {
  const docs = model.docs;
  let lo = 0;
  let hi = docs.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (docs[mid].offset <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (found < 0) return undefined;
  const d = docs[found];
  return offset <= d.offset + d.text.length ? d : undefined;
}

function lineEndAt(text: string, offset: number): number {
  const e = text.indexOf('\n', offset);
  return e < 0 ? text.length : e;
}

/** Fields the API server fills in: never written in a manifest, so never offered. */
const SERVER_SET = new Set(['status', 'uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'managedFields', 'selfLink']);

/** Missing child fields of the mapping at `path`. */
function fieldEntries(env: Env, path: ContextPath): CompletionEntry[] {
  const { kind, ctx } = env;
  if (!kind || !apiVersionOf(kind)) {
    // Unknown or not yet typed kind: only the envelope, plus whole-resource skeletons on an empty document.
    if (path.length !== 0) return [];
    const out: CompletionEntry[] = ['apiVersion', 'kind', 'metadata']
      .filter((k) => !ctx.siblings.has(k))
      .map((k) => ({ label: k, kind: 'field' as const, insertText: ctx.colonAfter ? k : `${k}: `, isSnippet: false, replace: env.replace }));
    if (ctx.siblings.size === 0 && !ctx.colonAfter) out.push(...kindSnippets(env.snippets, env.replace));
    return out;
  }
  const labels = labelCandidates(env.project, env.r, kind, env.ns, path, ctx.siblings, ctx.colonAfter, env.replace);
  if (labels) return labels;
  const fields = fieldsAt(kind, path).filter((f) => !ctx.siblings.has(f.name) && !SERVER_SET.has(f.name));
  fields.sort((a, b) => Number(b.required) - Number(a.required));
  return fields.map((f) => {
    const { insertText, isSnippet } = fieldInsert(kind, [...path, f.name], f.name, env);
    return {
      label: f.name,
      kind: 'field',
      detail: f.required ? `${f.type} (required)` : f.type,
      ...(f.description ? { documentation: f.description } : {}),
      insertText,
      isSnippet,
      replace: env.replace,
    };
  });
}

function fieldInsert(kind: string, path: ContextPath, name: string, env: Env): { insertText: string; isSnippet: boolean } {
  if (env.ctx.colonAfter) return { insertText: name, isSnippet: false };
  if (!env.snippets) return { insertText: `${name}: `, isSnippet: false };
  const t = typeAt(kind, path);
  if (!t) return { insertText: `${name}: $1`, isSnippet: true };
  if (t.type === 'object' || t.type === 'map') return { insertText: `${name}:\n  $1`, isSnippet: true };
  if (t.type === 'array') return { insertText: `${name}:\n  - $1`, isSnippet: true };
  if (t.enum?.length === 1) return { insertText: `${name}: ${t.enum[0]}$0`, isSnippet: true };
  if (t.enum?.length) return { insertText: `${name}: \${1|${t.enum.join(',')}|}`, isSnippet: true };
  if (t.type === 'boolean') return { insertText: `${name}: \${1|true,false|}`, isSnippet: true };
  return { insertText: `${name}: $1`, isSnippet: true };
}

/** Values the schema does not enumerate but the API server accepts only from a short list (or that matter here). */
const EXTRA_VALUES: Record<string, [string, string][]> = {
  'Service:spec.clusterIP': [['None', 'headless: per-pod DNS records for a StatefulSet\'s pods']],
  'StatefulSet:spec.persistentVolumeClaimRetentionPolicy.whenDeleted': [['Retain', 'keep the PVCs (default)'], ['Delete', 'delete the PVCs with the StatefulSet']],
  'StatefulSet:spec.persistentVolumeClaimRetentionPolicy.whenScaled': [['Retain', 'keep the PVCs (default)'], ['Delete', 'delete the PVCs of removed pods']],
};

/** Values for the scalar at `path` (the last segment is the key, or an item index). */
function valueEntries(env: Env, path: ContextPath): CompletionEntry[] {
  const { kind } = env;
  const value = (label: string, detail?: string, documentation?: string): CompletionEntry => ({
    label, kind: 'value', insertText: label, isSnippet: false, replace: env.replace,
    ...(detail ? { detail } : {}), ...(documentation ? { documentation } : {}),
  });
  if (path.length === 1 && path[0] === 'kind') return knownKinds().map((k) => value(k.kind, k.apiVersion));
  if (path.length === 1 && path[0] === 'apiVersion') {
    const own = kind ? apiVersionOf(kind) : undefined;
    const all = own ? [own] : [...new Set(knownKinds().map((k) => k.apiVersion))];
    return all.map((v) => value(v, own ? `apiVersion of ${kind}` : undefined));
  }
  const refs = referenceCandidates(env.project, env.r, kind, env.ns, path, env.replace, env.typed);
  if (refs) {
    env.incomplete ||= refs.isIncomplete;
    return refs.items;
  }
  if (!kind) return [];
  const extra = EXTRA_VALUES[`${kind}:${path.filter((x) => typeof x === 'string').join('.')}`];
  if (extra) return extra.map(([v, d]) => value(v, d));
  const info = fieldInfo(kind, path);
  if (!info) return [];
  if (info.enum) return info.enum.map((v) => value(v, info.name === String(Number(info.name)) ? undefined : info.name));
  if (info.type === 'boolean') return ['true', 'false'].map((v) => value(v, 'boolean'));
  return [];
}
