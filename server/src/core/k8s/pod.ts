// Where pod specs, containers and claim specs live in each kind, with document-root paths for reporting.
import type { Resource } from '../model';
import type { PathSeg } from '../nodes';
import type { RuleContext } from '../rule';

export type Obj = Record<string, any>;

export const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
// A missing list or mapping reads as one shared, frozen empty one: these run for every document and rule.
const NO_ITEMS = Object.freeze([]) as unknown as any[];
const NO_FIELDS: Obj = Object.freeze({});
export const arr = (v: unknown): any[] => (Array.isArray(v) ? v : NO_ITEMS);
export const obj = (v: unknown): Obj => (isObj(v) ? v : NO_FIELDS);
/** A whole number (YAML int), as the API's int32 fields require; other types are the schema's job. */
export const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/**
 * Index of the first of `items[0..end)` (mappings) whose `field` is `value`, else -1. For duplicate
 * and membership checks: the lists are short, and scanning them needs no map or set of their values
 * per list and document.
 */
export function firstIndexWith(items: readonly unknown[], field: string, value: unknown, end = items.length): number {
  for (let j = 0; j < end; j++) if (isObj(items[j]) && (items[j] as Obj)[field] === value) return j;
  return -1;
}

/** How many of `keys` `o` sets (to anything but null): for "exactly one of" checks. */
export function countSet(o: Obj, keys: readonly string[]): number {
  let n = 0;
  for (const k of keys) if (o[k] != null) n++;
  return n;
}

export const POD_SPEC_PATH: readonly PathSeg[] = ['spec', 'template', 'spec'];
/** A StatefulSet's pod template labels and its selector's matchLabels. */
export const TEMPLATE_LABELS_PATH: readonly PathSeg[] = ['spec', 'template', 'metadata', 'labels'];
export const MATCH_LABELS_PATH: readonly PathSeg[] = ['spec', 'selector', 'matchLabels'];

/** A container's lists of volume uses, and a resources block's lists of quantities. */
export const MOUNT_LISTS = ['volumeMounts', 'volumeDevices'] as const;
export const RESOURCE_LISTS = ['requests', 'limits'] as const;

/** Kinds whose pod spec the pod-level rules check: a StatefulSet's template and a bare Pod (same PodSpec). */
export const POD_KINDS: readonly string[] = ['StatefulSet', 'Pod'];

/** Where the PodSpec sits: `spec.template.spec` in a StatefulSet, `spec` in a Pod. */
export function podSpecPath(r: Resource): PathSeg[] | undefined {
  return r.kind === 'StatefulSet' ? [...POD_SPEC_PATH] : r.kind === 'Pod' ? ['spec'] : undefined;
}

/**
 * Memoizes what `build` finds in a document (a function of its parsed value and kind): the rules of
 * one document ask for the same pod spec, containers and claim templates many times over. Callers
 * must not change the result: it is shared.
 *
 * One entry, the last document: the analysis runs every rule on a document before the next one, and
 * comparing two references is cheaper than a WeakMap of every document (lookups, and collector work
 * on its entries).
 */
function perDocument<T>(build: (r: Resource) => T): (r: Resource) => T {
  let last: { value: unknown; kind: string | undefined; result: T } | undefined;
  return (r) => {
    if (!last || last.value !== r.value || last.kind !== r.kind) last = { value: r.value, kind: r.kind, result: build(r) };
    return last.result;
  };
}

/** The pod spec (StatefulSet template or Pod) and its path, when it is a mapping. Shared: do not change it. */
export const podSpecOf = perDocument((r): { spec: Obj; path: readonly PathSeg[] } | undefined => {
  const spec = r.kind === 'Pod' ? r.value?.spec : r.kind === 'StatefulSet' ? r.value?.spec?.template?.spec : undefined;
  return isObj(spec) ? { spec, path: podSpecPath(r)! } : undefined;
});

export interface ContainerRef {
  c: Obj;
  path: PathSeg[];
  list: 'containers' | 'initContainers';
  index: number;
}

/** The container lists of a pod spec, init containers first (as Kubernetes starts them). */
export const CONTAINER_LISTS = ['initContainers', 'containers'] as const;

/** Calls `each` with every container (a mapping) of a pod spec, init containers first, with its list and index. */
export function eachContainer(spec: Obj, each: (c: Obj, list: ContainerRef['list'], index: number) => void): void {
  for (const list of CONTAINER_LISTS) {
    const items = arr(spec[list]);
    for (let index = 0; index < items.length; index++) {
      const c = items[index];
      if (isObj(c)) each(c, list, index);
    }
  }
}

/**
 * Every container of the pod template (init containers first, as Kubernetes starts them). Shared:
 * some twenty rules ask for the same document's list (the caller must not change it).
 */
export const containersOf = perDocument((r): readonly ContainerRef[] => {
  const ps = podSpecOf(r);
  const refs: ContainerRef[] = [];
  if (ps) eachContainer(ps.spec, (c, list, index) => refs.push({ c, path: [...ps.path, list, index], list, index }));
  return refs;
});

/** Init containers with restartPolicy Always are sidecars: they keep running and may have probes. */
export const isSidecar = (ref: ContainerRef): boolean => ref.list === 'initContainers' && ref.c.restartPolicy === 'Always';

export interface ClaimSpecRef {
  spec: Obj;
  path: PathSeg[];
  /** 'PersistentVolumeClaim' or 'volumeClaimTemplate'. */
  what: string;
}

/** PVC specs: a PVC's own spec, or each StatefulSet claim template's spec. Shared: do not change it. */
export const claimSpecsOf = perDocument((r): readonly ClaimSpecRef[] => {
  if (r.kind === 'PersistentVolumeClaim') return isObj(r.value?.spec) ? [{ spec: r.value!.spec, path: ['spec'], what: 'PersistentVolumeClaim' }] : [];
  if (r.kind !== 'StatefulSet') return [];
  const out: ClaimSpecRef[] = [];
  const templates = arr(r.value?.spec?.volumeClaimTemplates);
  for (let i = 0; i < templates.length; i++) {
    const t = templates[i];
    if (isObj(t) && isObj(t.spec)) out.push({ spec: t.spec, path: ['spec', 'volumeClaimTemplates', i, 'spec'], what: `volumeClaimTemplate '${t.metadata?.name ?? i}'` });
  }
  return out;
});

/** Claim template names (as written) with their indexes. Shared: do not change it. */
export const claimTemplateNames = perDocument((r): readonly { name: string; index: number }[] => {
  const out: { name: string; index: number }[] = [];
  const templates = arr(r.value?.spec?.volumeClaimTemplates);
  for (let index = 0; index < templates.length; index++) {
    const name = templates[index]?.metadata?.name;
    if (typeof name === 'string') out.push({ name, index });
  }
  return out;
});

/** The index of the claim template named `name` (the last one, if several are), else undefined. */
export function claimTemplateIndex(r: Resource, name: unknown): number | undefined {
  const claims = claimTemplateNames(r);
  for (let j = claims.length - 1; j >= 0; j--) if (claims[j].name === name) return claims[j].index;
  return undefined;
}

/**
 * A kustomize strategic-merge patch of a StatefulSet carries only what it changes: no selector, and no
 * containers or containers without an image (merged by name into the base). Rules about completeness
 * (images, mounts, serviceName) stay silent on it; rules about what is written still apply.
 */
export function isPatch(r: Resource): boolean {
  if (r.kind !== 'StatefulSet') return false;
  const spec = r.value?.spec;
  if (!isObj(spec)) return true;
  if (spec.selector !== undefined) return false;
  const containers = spec.template?.spec?.containers;
  if (!Array.isArray(containers) || containers.length === 0) return true;
  return containers.some((c) => !isObj(c) || c.image === undefined);
}

/** Whether the document is the Kubernetes kind these rules know (a Knative `Service` is not). Missing apiVersion counts as yes. */
export function isCoreApi(r: Resource): boolean {
  const v = r.apiVersion;
  if (v === undefined) return true;
  return r.kind === 'StatefulSet' ? v.startsWith('apps/') : v === 'v1';
}

/** Pod volume source fields (core/v1 Volume); unknown keys are the schema's unknown-field findings. */
export const POD_VOLUME_SOURCES = [
  'hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi', 'glusterfs',
  'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc', 'azureFile', 'configMap',
  'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected', 'portworxVolume', 'scaleIO', 'storageos',
  'csi', 'ephemeral', 'image',
];

/**
 * Before v1.34 the API server accepted a StatefulSet without validating its pod template and claim
 * templates; the error then surfaces on every pod / PVC creation. Still an error, but the message says when.
 */
export function templateContext(ctx: RuleContext, what: 'pod' | 'claim'): RuleContext {
  if (ctx.minor >= 34) return ctx;
  const note = what === 'pod'
    ? ` (before v1.34 the StatefulSet is accepted and then every pod creation fails)`
    : ` (before v1.34 the StatefulSet is accepted and then every PVC creation fails)`;
  return {
    settings: ctx.settings,
    minor: ctx.minor,
    span: (r, node) => ctx.span(r, node),
    spanOf: (r, path) => ctx.spanOf(r, path),
    report: (r, rep) => ctx.report(r, r.kind === 'StatefulSet' ? { ...rep, message: rep.message.replace(/\.?$/, `${note}.`) } : rep),
  };
}
