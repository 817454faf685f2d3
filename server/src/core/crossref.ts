// Shared plumbing of the cross-resource rules: pod templates of workloads, containers, and small
// text edits (set a key, replace a map) that keep the user's indentation and flow/block style.
import { isMap, isScalar, type YAMLMap } from 'yaml';
import { namespaceOf, type Resource } from './model';
import { asMap, asSeq, findPair, getIn, nodeRange, type PathSeg } from './nodes';
import type { TextEdit } from './types';
import type { ResourceIndex } from './workspace';
import { eachContainer } from './k8s/pod';
import { claimTemplateNames, isObj, labelMap } from './names';

/** Kinds that carry a pod template (their pods count as "selected" by Services). */
export const WORKLOAD_KINDS = ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob'] as const;

/** Kinds without a namespace (duplicates are compared across the cluster). */
export const CLUSTER_SCOPED = new Set([
  'PersistentVolume', 'StorageClass', 'Namespace', 'Node', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition',
  'PriorityClass', 'CSIDriver', 'CSINode', 'VolumeSnapshotClass', 'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration',
  'IngressClass', 'RuntimeClass', 'APIService', 'PodSecurityPolicy', 'VolumeAttachment',
]);

export interface PodTemplate {
  labels: Record<string, string>;
  /** The pod spec (plain value). */
  spec: Record<string, unknown>;
  /** Path from the document root to the pod spec (shared by every template of the kind: do not modify). */
  specPath: readonly PathSeg[];
}

/** Where each workload kind keeps its pod template's metadata and spec. */
const TEMPLATE_PATHS = new Map<string, { metaPath: readonly PathSeg[]; specPath: readonly PathSeg[] }>(
  WORKLOAD_KINDS.map((kind) => {
    const template = kind === 'Pod' ? [] : kind === 'CronJob' ? ['spec', 'jobTemplate', 'spec', 'template'] : ['spec', 'template'];
    return [kind, { metaPath: [...template, 'metadata'], specPath: [...template, 'spec'] }];
  }),
);

// Resource values are rebuilt only when their document is re-parsed, so they key a safe cache.
const templateCache = new WeakMap<object, { kind: string | undefined; t: PodTemplate | undefined }>();

/** The pod template of a workload, or undefined for other kinds / malformed documents. */
export function podTemplate(r: Resource): PodTemplate | undefined {
  // Most resources are no workload: answered without touching the cache.
  const paths = r.kind === undefined ? undefined : TEMPLATE_PATHS.get(r.kind);
  const v = r.value;
  if (!paths || !isObj(v)) return undefined;
  const hit = templateCache.get(v);
  if (hit && hit.kind === r.kind) return hit.t;
  const t = readPodTemplate(v, paths.metaPath, paths.specPath);
  templateCache.set(v, { kind: r.kind, t });
  return t;
}

function readPodTemplate(v: Record<string, unknown>, metaPath: readonly PathSeg[], specPath: readonly PathSeg[]): PodTemplate | undefined {
  const spec = plainAt(v, specPath);
  if (!isObj(spec)) return undefined;
  const meta = plainAt(v, metaPath);
  return { labels: labelMap(isObj(meta) ? meta.labels : undefined), spec, specPath };
}

export function plainAt(v: unknown, path: readonly PathSeg[]): unknown {
  let cur = v;
  for (const seg of path) {
    if (typeof seg === 'number') cur = Array.isArray(cur) ? cur[seg] : undefined;
    else cur = isObj(cur) ? cur[seg] : undefined;
    if (cur === undefined) return undefined;
  }
  return cur;
}

// Templates live as long as their document's parse: per-template facts are computed once, not on
// every edit of the file (cross-resource rules re-run over every resource of the edited file).
const configMapRefsCache = new WeakMap<PodTemplate, readonly ConfigMapRef[]>();

/** configMapRefs of a workload's pod template, cached with the template. */
export function templateConfigMapRefs(t: PodTemplate): readonly ConfigMapRef[] {
  let refs = configMapRefsCache.get(t);
  if (refs) return refs;
  refs = configMapRefs(t.spec, t.specPath);
  // Finding none allocates nothing: only found references are worth a cache entry.
  if (refs.length) configMapRefsCache.set(t, refs);
  return refs;
}

/** Named container ports of a pod template: name -> {port, protocol}. First wins. */
export function namedPorts(t: PodTemplate): Map<string, { port: number; protocol: string }> {
  const out = new Map<string, { port: number; protocol: string }>();
  eachContainer(t.spec, (container) => {
    const ports = container.ports;
    if (!Array.isArray(ports)) return;
    for (const p of ports) {
      if (!isObj(p) || typeof p.name !== 'string' || p.name === '' || out.has(p.name)) continue;
      out.set(p.name, { port: typeof p.containerPort === 'number' ? p.containerPort : 0, protocol: typeof p.protocol === 'string' ? p.protocol : 'TCP' });
    }
  });
  return out;
}

type Workload = { w: Resource; t: PodTemplate };

/**
 * Workloads (any kind with a pod template) with their templates, by namespace: kept up to date file by
 * file (an edit re-checks the Services of its file, which look here, so this must not be rebuilt from
 * the whole workspace on every change).
 */
function workloadTable(index: ResourceIndex, defaultNamespace: string) {
  return index.grouped<Workload>(`workloads\u0000${defaultNamespace}`, (w, add) => {
    const t = podTemplate(w);
    if (t) add(namespaceOf(w, defaultNamespace), '', { w, t });
  });
}

/** The same workloads by namespace and template label (`ns`, key, value): built when a selector is first looked up. */
function labelTable(index: ResourceIndex, defaultNamespace: string) {
  return index.grouped<Workload>(`workload-labels\u0000${defaultNamespace}`, (w, add) => {
    const t = podTemplate(w);
    if (!t) return;
    const ns = namespaceOf(w, defaultNamespace);
    for (const k of Object.keys(t.labels)) add(ns, labelKey(k, t.labels[k]), { w, t });
  });
}

const labelKey = (key: string, value: string) => `${key}\u0000${value}`;

/** Workloads in `ns` whose template labels a Service-style selector selects (label-indexed). */
export function selectedBy(index: ResourceIndex, ns: string, defaultNamespace: string, selector: unknown): readonly Workload[] {
  if (!isObj(selector)) return [];
  const keys = Object.keys(selector);
  if (!keys.length) return [];
  const wanted = (k: string) => String(selector[k] ?? '');
  const candidates = labelTable(index, defaultNamespace).get(ns, labelKey(keys[0], wanted(keys[0])));
  // The candidates carry the first pair (checked again: a NUL inside a label could join two keys); a
  // one-pair selector (the usual) selects them all.
  const selects = (x: Workload) => keys.every((a) => x.t.labels[a] !== undefined && x.t.labels[a] === wanted(a));
  return candidates.every(selects) ? candidates : candidates.filter(selects);
}

/** Whether the file `uri` holds a workload with a readable pod template in namespace `ns`. */
export function hasWorkloadIn(index: ResourceIndex, ns: string, defaultNamespace: string, uri: string): boolean {
  return workloadTable(index, defaultNamespace).has(ns, '', uri);
}

/** Workloads with a readable pod template in namespace `ns`, with the template. */
export function templatesIn(index: ResourceIndex, ns: string, defaultNamespace: string): readonly Workload[] {
  return workloadTable(index, defaultNamespace).get(ns, '');
}

/** Workloads (any kind with a pod template) in namespace `ns` across the index. */
export function workloadsIn(index: ResourceIndex, ns: string, defaultNamespace: string): Resource[] {
  return templatesIn(index, ns, defaultNamespace).map((x) => x.w);
}

/** Where a resource lives, for messages: "namespace 'x'". */
export function nsText(ns: string): string {
  return `namespace '${ns}'`;
}

// ---- text edits -------------------------------------------------------------------------------

const PLAIN = /^[A-Za-z_/][A-Za-z0-9._/-]*$/;
const SPECIAL = /^(?:true|false|yes|no|on|off|y|n|null|~)$/i;

/** A scalar as YAML text: plain when safe, JSON-quoted otherwise. */
export function yamlScalar(v: unknown): string {
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  const s = String(v ?? '');
  return PLAIN.test(s) && !SPECIAL.test(s) ? s : JSON.stringify(s);
}

function fileText(index: ResourceIndex, r: Resource): string {
  return index.get(r.uri)?.text ?? r.doc.text;
}

/** Column of an absolute offset in the resource's file. */
function columnAt(index: ResourceIndex, r: Resource, abs: number): number {
  const m = index.get(r.uri);
  if (m) return m.lines.positionAt(abs).character;
  const text = r.doc.text;
  const rel = abs - r.doc.offset;
  return rel - (text.lastIndexOf('\n', rel - 1) + 1);
}

/** End of a node's own text with trailing blanks and line breaks dropped (absolute). */
function trimmedEnd(index: ResourceIndex, r: Resource, node: unknown): number | undefined {
  const rg = nodeRange(node);
  if (!rg) return undefined;
  const text = fileText(index, r);
  let e = r.doc.offset + rg[1];
  while (e > r.doc.offset + rg[0] && /\s/.test(text[e - 1])) e--;
  return e;
}

/**
 * Edit that sets `key: valueText` in the map at `mapPath`: replaces the value when the key exists,
 * else inserts a new entry before the first one (same column, or `k: v, ` in a flow map).
 * `valueText` may span lines: continuation lines are given relative indentation with '\n  '.
 */
export function setKeyEdit(index: ResourceIndex, r: Resource, mapPath: readonly PathSeg[], key: string, valueText: string): TextEdit | undefined {
  const map = asMap(getIn(r.root, mapPath));
  if (!map) return undefined;
  const pair = findPair(map, key);
  if (pair && pair.value && isScalar(pair.value)) {
    const rg = nodeRange(pair.value);
    if (rg && !valueText.includes('\n')) return { uri: r.uri, start: r.doc.offset + rg[0], end: r.doc.offset + rg[1], newText: valueText };
    return undefined;
  }
  if (pair) return undefined;
  const first = map.items[0];
  const firstRange = first ? nodeRange(first.key) : undefined;
  if (!firstRange) return undefined;
  const at = r.doc.offset + firstRange[0];
  if (map.flow) {
    if (valueText.includes('\n')) return undefined;
    return { uri: r.uri, start: at, end: at, newText: `${key}: ${valueText}, ` };
  }
  const col = ' '.repeat(columnAt(index, r, at));
  return { uri: r.uri, start: at, end: at, newText: `${key}: ${valueText.replace(/\n/g, `\n${col}`)}\n${col}` };
}

/** Block text for a label map under a key: '\n  a: b\n  c: d' (to pass to setKeyEdit). */
export function blockMapText(entries: Record<string, string>): string {
  return Object.entries(entries).map(([k, v]) => `\n  ${yamlScalar(k)}: ${yamlScalar(v)}`).join('');
}

/** Edit replacing the entries of the map at `mapPath` with `entries`, keeping its style and column. */
export function replaceMapEdit(index: ResourceIndex, r: Resource, mapPath: readonly PathSeg[], entries: Record<string, string>): TextEdit | undefined {
  const node = getIn(r.root, mapPath);
  if (!isMap(node)) return undefined;
  const map = node as YAMLMap;
  const list = Object.entries(entries).map(([k, v]) => `${yamlScalar(k)}: ${yamlScalar(v)}`);
  if (map.flow || map.items.length === 0) {
    const rg = nodeRange(map);
    if (!rg) return undefined;
    return { uri: r.uri, start: r.doc.offset + rg[0], end: r.doc.offset + rg[1], newText: `{${list.join(', ')}}` };
  }
  const firstRange = nodeRange(map.items[0].key);
  const end = trimmedEnd(index, r, map);
  if (!firstRange || end === undefined) return undefined;
  const start = r.doc.offset + firstRange[0];
  const col = ' '.repeat(columnAt(index, r, start));
  return { uri: r.uri, start, end, newText: list.join(`\n${col}`) };
}

/** Edit appending a new `---` document at the end of the resource's file. */
export function appendDocumentEdit(index: ResourceIndex, r: Resource, docText: string): TextEdit {
  const text = fileText(index, r);
  const end = index.get(r.uri) ? text.length : r.doc.offset + r.doc.text.length;
  const sep = text.length === 0 || text.endsWith('\n') ? '' : '\n';
  return { uri: r.uri, start: end, end, newText: `${sep}---\n${docText.endsWith('\n') ? docText : docText + '\n'}` };
}

/** Items of a sequence at `path` as yaml nodes (for precise reporting). */
export function seqItems(r: Resource, path: readonly PathSeg[]): unknown[] {
  return asSeq(getIn(r.root, path))?.items ?? [];
}

// ---- workspace completeness -------------------------------------------------------------------

/** Directory part of a uri, with the trailing slash. */
export function dirOf(uri: string): string {
  return uri.slice(0, uri.lastIndexOf('/') + 1);
}

export interface KustomizeInfo {
  /** commonLabels: kustomize adds them to templates and selectors alike. */
  commonLabels: Record<string, string>;
  /** Some listed resources (files, other directories, remote bases) are not in the workspace. */
  incomplete: boolean;
  /** Names of generated ConfigMaps (configMapGenerator), which exist at apply time. */
  generatedConfigMaps: string[];
  /** Uris of the listed resource files of the same directory. */
  resourceFiles: string[];
  /** `namespace:` of the kustomization: it overrides every resource's namespace at build time. */
  namespace?: string;
}

/** The kustomization.yaml next to `uri`, if the workspace has one: then the file is not applied as written. */
export function kustomizeFor(index: ResourceIndex, uri: string): KustomizeInfo | undefined {
  const dir = dirOf(uri);
  const k = index.ofKind('Kustomization').find((x) => dirOf(x.uri) === dir);
  if (!k || !isObj(k.value)) return undefined;
  const v = k.value;
  const commonLabels: Record<string, string> = {};
  if (isObj(v.commonLabels)) for (const [a, b] of Object.entries(v.commonLabels)) commonLabels[a] = String(b);
  let incomplete = false;
  const resourceFiles: string[] = [];
  for (const field of ['resources', 'bases', 'components']) {
    for (const e of Array.isArray(v[field]) ? v[field] : []) {
      if (typeof e !== 'string') continue;
      const rel = e.replace(/^\.\//, '');
      if (/\.ya?ml$/.test(rel) && !rel.includes('/')) resourceFiles.push(dir + rel);
      if (!/\.ya?ml$/.test(rel) || rel.includes('/') || !index.get(dir + rel)) incomplete = true;
    }
  }
  const generatedConfigMaps = (Array.isArray(v.configMapGenerator) ? v.configMapGenerator : [])
    .map((g: unknown) => (isObj(g) && typeof g.name === 'string' ? g.name : undefined))
    .filter((n: string | undefined): n is string => !!n);
  const namespace = typeof v.namespace === 'string' && v.namespace !== '' ? v.namespace : undefined;
  return { commonLabels, incomplete, generatedConfigMaps, resourceFiles, ...(namespace ? { namespace } : {}) };
}

/**
 * Severity for "target not found": a warning when the workspace plainly holds such resources,
 * info when it may simply be incomplete (none of that kind in the namespace, or a kustomization
 * that pulls in files the workspace does not have).
 */
export function missingSeverity(index: ResourceIndex, r: Resource, kind: string, ns: string, defaultNamespace: string): 'warning' | 'info' {
  const kz = kustomizeFor(index, r.uri);
  // Incomplete, or namespaces rewritten at build time: what is written here is not what gets applied.
  if (kz?.incomplete || kz?.namespace) return 'info';
  const scoped = CLUSTER_SCOPED.has(kind);
  return index.ofKind(kind).some((x) => scoped || namespaceOf(x, defaultNamespace) === ns) ? 'warning' : 'info';
}

// ---- references from pod templates -------------------------------------------------------------

export interface ConfigMapRef {
  name: string;
  optional: boolean;
  /** Document path of the name. */
  path: PathSeg[];
  /** configMapKeyRef: the key picked, and its path. */
  key?: string;
  keyPath?: PathSeg[];
  /** Volume sources: the keys of `items`, with their paths. */
  items?: { key: string; path: PathSeg[] }[];
}

const NO_REFS: readonly ConfigMapRef[] = [];

/** A reference object that names a ConfigMap (the only kind worth a ConfigMapRef). */
const namesConfigMap = (ref: unknown): ref is Record<string, unknown> & { name: string } =>
  isObj(ref) && typeof ref.name === 'string' && ref.name !== '';

/** A configMap volume source (plain or projected) at `at`, with its item keys. */
function volumeRef(ref: Record<string, unknown> & { name: string }, at: PathSeg[]): ConfigMapRef {
  const items: { key: string; path: PathSeg[] }[] = [];
  if (Array.isArray(ref.items)) {
    for (let j = 0; j < ref.items.length; j++) {
      const it = ref.items[j];
      if (isObj(it) && typeof it.key === 'string') items.push({ key: it.key, path: [...at, 'items', j, 'key'] });
    }
  }
  return { name: ref.name, optional: ref.optional === true, path: [...at, 'name'], items };
}

/**
 * Every ConfigMap reference of a pod template: name, optional flag, document path of the name.
 * Volumes first (each with its projected sources), then each container's envFrom and env. Paths are
 * built only for the references found: most pod specs have none.
 */
export function configMapRefs(spec: Record<string, unknown>, specPath: readonly PathSeg[]): readonly ConfigMapRef[] {
  let out: ConfigMapRef[] | undefined;
  const volumes = spec.volumes;
  if (Array.isArray(volumes)) {
    for (let i = 0; i < volumes.length; i++) {
      const v = volumes[i];
      if (!isObj(v)) continue;
      if (namesConfigMap(v.configMap)) (out ??= []).push(volumeRef(v.configMap, [...specPath, 'volumes', i, 'configMap']));
      const sources = isObj(v.projected) ? v.projected.sources : undefined;
      if (!Array.isArray(sources)) continue;
      for (let j = 0; j < sources.length; j++) {
        const src = sources[j];
        if (isObj(src) && namesConfigMap(src.configMap)) {
          (out ??= []).push(volumeRef(src.configMap, [...specPath, 'volumes', i, 'projected', 'sources', j, 'configMap']));
        }
      }
    }
  }
  eachContainer(spec, (container, field, i) => {
    const envFrom = container.envFrom;
    if (Array.isArray(envFrom)) {
      for (let j = 0; j < envFrom.length; j++) {
        const e = envFrom[j];
        const ref = isObj(e) ? e.configMapRef : undefined;
        if (namesConfigMap(ref)) (out ??= []).push({ name: ref.name, optional: ref.optional === true, path: [...specPath, field, i, 'envFrom', j, 'configMapRef', 'name'] });
      }
    }
    const env = container.env;
    if (Array.isArray(env)) {
      for (let j = 0; j < env.length; j++) {
        const e = env[j];
        const ref = isObj(e) && isObj(e.valueFrom) ? e.valueFrom.configMapKeyRef : undefined;
        if (!namesConfigMap(ref)) continue;
        const at = [...specPath, field, i, 'env', j, 'valueFrom', 'configMapKeyRef'];
        const key = typeof ref.key === 'string' ? { key: ref.key, keyPath: [...at, 'key'] } : {};
        (out ??= []).push({ name: ref.name, optional: ref.optional === true, path: [...at, 'name'], ...key });
      }
    }
  });
  return out ?? NO_REFS;
}

/**
 * `<claim>-<set>-<i>` equals `<claim'>-<set'>-<j>` only when the prefixes `<claim>-<set>` are equal
 * (the ordinal has no '-'), and i = j: so StatefulSets' claim templates are indexed by namespace and
 * prefix (kept up to date file by file) instead of listing PVC names.
 */
export function claimPrefixes(index: ResourceIndex, defaultNamespace: string) {
  return index.grouped<{ sts: Resource; claim: string }>(`pvc-prefixes\u0000${defaultNamespace}`, (s, add) => {
    if (s.kind !== 'StatefulSet' || !s.name) return;
    const ns = namespaceOf(s, defaultNamespace);
    for (const claim of claimTemplateNames(s.value)) add(ns, `${claim}-${s.name}`, { sts: s, claim });
  });
}

/** The StatefulSet claim template that would create PVC `pvc` in `ns` (`<claim>-<set>-<ordinal>`), if any. */
export function claimTemplateOwner(index: ResourceIndex, ns: string, pvc: string, defaultNamespace: string) {
  const m = /^(.*)-(\d+)$/.exec(pvc);
  if (!m) return undefined;
  for (const { sts, claim } of claimPrefixes(index, defaultNamespace).get(ns, m[1])) {
    const vcts: unknown[] = sts.value!.spec.volumeClaimTemplates;
    const i = vcts.findIndex((t) => isObj(t) && isObj(t.metadata) && t.metadata.name === claim);
    return { sts, claim, templateIndex: i, template: vcts[i] as Record<string, any>, ordinal: Number(m[2]) };
  }
  return undefined;
}
