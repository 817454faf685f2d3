// Completion of names that refer to other objects: Services, claims, ConfigMaps, StorageClasses, PVs, pod volumes.
import { namedPorts, plainAt, selectedBy } from '../crossref';
import { isObj } from '../k8s/pod';
import { namespaceOf, type Resource } from '../model';
import { claimTemplateNames, ordinalRange, pvcName } from '../names';
import type { Project } from '../project';
import type { CompletionEntry } from './completion';
import { MAX_ITEMS, orderBy, rankAndCap, type Capped, type Typed } from './completionRank';
import { nameOccurrences } from './nameRefs';
import type { ContextPath } from './yamlContext';

type Entry = CompletionEntry;
type Span = { start: number; end: number };

/** A name to offer before it becomes an entry: tables of these are cached per index generation. */
export interface Cand {
  label: string;
  detail: string;
  documentation?: string;
  /** Lower groups come first (headless Services before others). */
  group?: number;
  /** Where it is declared: on a long list, names declared near the cursor come first. */
  uri?: string;
  offset?: number;
}

/** Where the cursor is (the document being edited), to prefer nearby declarations. */
export interface Near {
  uri: string;
  offset: number;
}

/** Candidates when `path` (ending with the key being valued) is a by-name reference; undefined otherwise. */
export function referenceCandidates(project: Project, r: Resource | undefined, kind: string | undefined, ns: string, path: ContextPath, replace: Span, typed: Typed): Capped<Entry> | undefined {
  const cands = candidatesFor(project, r, kind, ns, path);
  if (!cands) return undefined;
  const order = cands.length > MAX_ITEMS ? closeness(cands, r ? { uri: r.uri, offset: r.doc.offset } : undefined) : undefined;
  const { items, isIncomplete } = rankAndCap(cands, (c) => c.label, typed, order);
  return {
    items: items.map((c) => ({
      label: c.label, kind: 'reference', detail: c.detail, ...(c.documentation ? { documentation: c.documentation } : {}), insertText: c.label, isSnippet: false, replace,
    })),
    isIncomplete,
  };
}

function candidatesFor(project: Project, r: Resource | undefined, kind: string | undefined, ns: string, path: ContextPath): readonly Cand[] | undefined {
  const keys = path.filter((s): s is string => typeof s === 'string');
  const key = keys[keys.length - 1];
  const parent = keys[keys.length - 2];
  const endsInItem = typeof path[path.length - 2] === 'number';
  if (kind === 'StatefulSet' && path.length === 2 && path[0] === 'spec' && key === 'serviceName') return services(project, ns);
  if (key === 'name' && endsInItem && (parent === 'volumeMounts' || parent === 'volumeDevices')) return volumes(r);
  if (key === 'claimName' && parent === 'persistentVolumeClaim') return claimsFor(project, ns);
  if (key === 'key' && parent === 'configMapKeyRef') return configMapKeys(project, ns, plainAt(r?.value, path.slice(0, -1)));
  if (key === 'key' && parent === 'items' && keys[keys.length - 3] === 'configMap') return configMapKeys(project, ns, plainAt(r?.value, path.slice(0, -3)));
  if (key === 'name' && (parent === 'configMap' || parent === 'configMapKeyRef' || parent === 'configMapRef')) return named(project, 'ConfigMap', ns);
  if (key === 'storageClassName') return named(project, 'StorageClass', undefined);
  if (kind === 'PersistentVolume' && key === 'name' && parent === 'claimRef' && path.length === 3) {
    const claimNs = r?.value?.spec?.claimRef?.namespace;
    return claimsFor(project, typeof claimNs === 'string' && claimNs ? claimNs : project.settings.defaultNamespace);
  }
  if (kind === 'Service' && key === 'targetPort' && parent === 'ports' && path.length === 4) return targetPorts(project, r, ns);
  if (key === 'namespace' && (path.length === 2 && path[0] === 'metadata' || parent === 'claimRef')) return namespaces(project);
  if (key === 'volumeName' && parent === 'spec' && (kind === 'PersistentVolumeClaim' || keys.includes('volumeClaimTemplates'))) return named(project, 'PersistentVolume', undefined);
  return undefined;
}

// Tie-break orders of long tables, per cursor document; a table (and so its orders) lives for one index generation.
const orders = new WeakMap<readonly Cand[], Map<string, Int32Array>>();

function closeness(cands: readonly Cand[], near: Near | undefined): Int32Array {
  let byNear = orders.get(cands);
  if (!byNear) orders.set(cands, (byNear = new Map()));
  const key = near ? `${near.uri}\u0000${near.offset}` : '';
  let order = byNear.get(key);
  if (!order) byNear.set(key, (order = outward(cands, near) ?? orderBy(cands, (a, b) => closer(a, b, near))));
  return order;
}

/**
 * The `closer` order without a sort, for tables in file order (what the index gives): per group, the cursor
 * file's entries merged outward from the cursor, then the other files' in order. Undefined when the table
 * is not in that shape (groups interleaved, offsets not ascending).
 */
export function outward(cands: readonly Cand[], near: Near | undefined): Int32Array | undefined {
  if (!near) return undefined;
  const order = new Int32Array(cands.length);
  let k = 0;
  for (let start = 0; start < cands.length;) {
    const g = cands[start].group ?? 0;
    let end = start;
    const same: number[] = [];
    while (end < cands.length && (cands[end].group ?? 0) === g) {
      const c = cands[end];
      if (c.uri === near.uri && c.offset !== undefined) {
        if (same.length && cands[same[same.length - 1]].offset! > c.offset) return undefined;
        same.push(end);
      }
      end++;
    }
    if (end < cands.length && (cands[end].group ?? 0) < g) return undefined;
    // Two pointers from the cursor: the nearer side goes first (the earlier one on a tie, like the sort).
    let hi = 0;
    while (hi < same.length && cands[same[hi]].offset! < near.offset) hi++;
    let lo = hi - 1;
    while (lo >= 0 || hi < same.length) {
      const dl = lo >= 0 ? near.offset - cands[same[lo]].offset! : Infinity;
      const dh = hi < same.length ? cands[same[hi]].offset! - near.offset : Infinity;
      if (dh < dl) {
        order[k++] = same[hi++];
        continue;
      }
      // Going up the file, entries at one offset (e.g. a StatefulSet's claims) still come in table order.
      let from = lo;
      while (from > 0 && cands[same[from - 1]].offset === cands[same[lo]].offset) from--;
      for (let i = from; i <= lo; i++) order[k++] = same[i];
      lo = from - 1;
    }
    for (let i = start; i < end; i++) if (!(cands[i].uri === near.uri && cands[i].offset !== undefined)) order[k++] = i;
    start = end;
  }
  return order;
}

/** Tie-break on a long list: lower group first, then declared in the cursor's file nearest to it, then file order. */
export function closer(a: Cand, b: Cand, near: Near | undefined): number {
  const g = (a.group ?? 0) - (b.group ?? 0);
  if (g || !near) return g;
  const da = a.uri === near.uri && a.offset !== undefined ? Math.abs(a.offset - near.offset) : Infinity;
  const db = b.uri === near.uri && b.offset !== undefined ? Math.abs(b.offset - near.offset) : Infinity;
  return da === db ? 0 : da < db ? -1 : 1;
}

// A keystroke starts a new index generation, so the tables below are rebuilt per keystroke. Their entries
// come from groupings the index keeps per file (see ResourceIndex.grouped): an edit re-makes only its own
// file's entries, and a rebuild only picks from ready-made entries, without reading any resource again.

/** The first entry of each name, in order (the index holds the same name more than once in several files). */
function firstOfEachName(lists: readonly (readonly Cand[])[]): Cand[] {
  const out: Cand[] = [];
  const seen = new Set<string>();
  for (const list of lists) {
    for (const c of list) {
      if (seen.has(c.label)) continue;
      seen.add(c.label);
      out.push(c);
    }
  }
  return out;
}

/** Services of the namespace, headless ones first: only those give the pods DNS names. Cached per index generation. */
function services(project: Project, ns: string): readonly Cand[] {
  const dflt = project.settings.defaultNamespace;
  const entries = project.index.grouped<Cand>(`completion-services\u0000${dflt}`, (s, add) => {
    if (s.kind !== 'Service' || !s.name) return;
    const sns = namespaceOf(s, dflt);
    const group = s.value?.spec?.clusterIP === 'None' ? 0 : 1;
    add(sns, '', {
      label: s.name,
      detail: group === 0 ? `headless Service in ${sns}` : `Service in ${sns} (not headless: no per-pod DNS records)`,
      documentation: `Declared in ${fileName(s.uri)}`,
      group,
      uri: s.uri,
      offset: s.doc.offset,
    });
  });
  return project.index.derived(`completion-services\u0000${ns}\u0000${dflt}`, () => {
    const all = firstOfEachName([entries.get(ns, '')]);
    return [...all.filter((c) => c.group === 0), ...all.filter((c) => c.group !== 0)];
  });
}

/** Objects of `kind` by name; `ns` undefined for cluster-scoped kinds. Cached per index generation. */
function named(project: Project, kind: string, ns: string | undefined): readonly Cand[] {
  const dflt = project.settings.defaultNamespace;
  // A kind is asked for either by namespace or across the cluster (the callers know which it is).
  const entries = project.index.grouped<Cand>(`completion-named\u0000${kind}\u0000${ns === undefined ? 'cluster' : 'namespaced'}\u0000${dflt}`, (x, add) => {
    if (x.kind !== kind || !x.name) return;
    const xns = ns === undefined ? '' : namespaceOf(x, dflt);
    add(xns, '', { label: x.name, detail: ns !== undefined ? `${kind} in ${xns}` : kind, documentation: `Declared in ${fileName(x.uri)}`, uri: x.uri, offset: x.doc.offset });
  });
  return project.index.derived(`completion-named\u0000${kind}\u0000${ns ?? '\u0001'}\u0000${dflt}`, () => firstOfEachName([entries.get(ns ?? '', '')]));
}

/** PVCs of a namespace plus the ones its StatefulSets' claim templates will create (for pre-bound PVs). */
function claimsFor(project: Project, ns: string): readonly Cand[] {
  const dflt = project.settings.defaultNamespace;
  const planned = project.index.grouped<Cand>(`completion-claims\u0000${dflt}`, (sts, add) => {
    if (sts.kind !== 'StatefulSet' || !sts.name) return;
    const sns = namespaceOf(sts, dflt);
    const { replicas, start } = ordinalRange(sts.value);
    for (const claim of claimTemplateNames(sts.value)) {
      // A handful per set is what pre-provisioning needs; thousands of replicas would flood the list.
      for (let i = start; i < start + Math.min(replicas, 20); i++) {
        add(sns, '', { label: pvcName(claim, sts.name, i), detail: `PVC of StatefulSet ${sts.name} (claim template ${claim}, pod ${i})`, uri: sts.uri, offset: sts.doc.offset });
      }
    }
  });
  return project.index.derived(`completion-claims\u0000${ns}\u0000${dflt}`, () => firstOfEachName([named(project, 'PersistentVolumeClaim', ns), planned.get(ns, '')]));
}

/** Keys of the ConfigMap named by `ref.name` (a configMapKeyRef or a configMap volume source). */
function configMapKeys(project: Project, ns: string, ref: unknown): Cand[] {
  const name = isObj(ref) && typeof ref.name === 'string' ? ref.name : undefined;
  if (!name) return [];
  const out: Cand[] = [];
  const seen = new Set<string>();
  for (const cm of project.index.find('ConfigMap', ns, name, project.settings.defaultNamespace)) {
    for (const field of ['data', 'binaryData']) {
      const m = cm.value?.[field];
      if (!isObj(m)) continue;
      for (const k of Object.keys(m)) {
        if (seen.has(k)) continue;
        seen.add(k);
        out.push({ label: k, detail: `${field} key of ConfigMap ${name}` });
      }
    }
  }
  return out;
}

/** Named container ports of the pods this Service selects: a named targetPort survives port renumbering. */
function targetPorts(project: Project, svc: Resource | undefined, ns: string): Cand[] {
  const out: Cand[] = [];
  const seen = new Set<string>();
  for (const { w, t } of selectedBy(project.index, ns, project.settings.defaultNamespace, svc?.value?.spec?.selector)) {
    for (const [name, p] of namedPorts(t)) {
      if (seen.has(name)) continue;
      seen.add(name);
      out.push({ label: name, detail: `containerPort ${p.port}/${p.protocol} of ${w.kind} ${w.name ?? ''}` });
    }
  }
  return out;
}

/** Namespaces seen in the workspace: Namespace objects and every metadata.namespace written. Cached per index generation. */
function namespaces(project: Project): readonly Cand[] {
  return project.index.derived('completion-namespaces', () => {
    const names = new Set<string>();
    for (const n of project.index.ofKind('Namespace')) if (n.name) names.add(n.name);
    for (const u of project.index.uris()) for (const x of project.index.get(u)?.resources ?? []) if (x.namespace) names.add(x.namespace);
    return [...names].sort().map((n) => ({ label: n, detail: 'namespace' }));
  });
}

/** Pod template volumes and claim templates of the resource being edited. */
function volumes(r: Resource | undefined): Cand[] {
  if (!r) return [];
  const out: Cand[] = [];
  const seen = new Set<string>();
  const templates: unknown = r.value?.spec?.volumeClaimTemplates;
  const claims = new Set(Array.isArray(templates) ? templates.map((t) => t?.metadata?.name) : []);
  for (const o of nameOccurrences(r)) {
    if (o.target !== 'volume' || o.role !== 'decl' || seen.has(o.name)) continue;
    seen.add(o.name);
    out.push({ label: o.name, detail: claims.has(o.name) ? 'volumeClaimTemplate' : 'pod volume' });
  }
  return out;
}

function fileName(uri: string): string {
  return uri.slice(uri.lastIndexOf('/') + 1);
}
