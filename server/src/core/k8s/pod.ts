// Where pod specs, containers and claim specs live in each kind, with document-root paths for reporting.
import type { Resource } from '../model';
import type { PathSeg } from '../nodes';
import type { RuleContext } from '../rule';

export type Obj = Record<string, any>;

export const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
export const arr = (v: unknown): any[] => (Array.isArray(v) ? v : []);
export const obj = (v: unknown): Obj => (isObj(v) ? v : {});
/** A whole number (YAML int), as the API's int32 fields require; other types are the schema's job. */
export const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

export const POD_SPEC_PATH: readonly PathSeg[] = ['spec', 'template', 'spec'];

/** Kinds whose pod spec the pod-level rules check: a StatefulSet's template and a bare Pod (same PodSpec). */
export const POD_KINDS: readonly string[] = ['StatefulSet', 'Pod'];

/** Where the PodSpec sits: `spec.template.spec` in a StatefulSet, `spec` in a Pod. */
export function podSpecPath(r: Resource): PathSeg[] | undefined {
  return r.kind === 'StatefulSet' ? [...POD_SPEC_PATH] : r.kind === 'Pod' ? ['spec'] : undefined;
}

/** The pod spec (StatefulSet template or Pod) and its path, when it is a mapping. */
export function podSpecOf(r: Resource): { spec: Obj; path: PathSeg[] } | undefined {
  const path = podSpecPath(r);
  if (!path) return undefined;
  const spec = r.kind === 'Pod' ? r.value?.spec : r.value?.spec?.template?.spec;
  return isObj(spec) ? { spec, path } : undefined;
}

export interface ContainerRef {
  c: Obj;
  path: PathSeg[];
  list: 'containers' | 'initContainers';
  index: number;
}

/**
 * Every container of the pod template (init containers first, as Kubernetes starts them). Shared:
 * some twenty rules ask for the same document's list (the caller must not change it).
 */
export function containersOf(r: Resource): readonly ContainerRef[] {
  const v = r.value;
  const hit = v && containerCache.get(v);
  if (hit && hit.kind === r.kind) return hit.refs;
  const ps = podSpecOf(r);
  const refs: ContainerRef[] = [];
  if (ps) {
    for (const list of ['initContainers', 'containers'] as const) {
      arr(ps.spec[list]).forEach((c, index) => {
        if (isObj(c)) refs.push({ c, path: [...ps.path, list, index], list, index });
      });
    }
  }
  if (v) containerCache.set(v, { kind: r.kind, refs });
  return refs;
}

const containerCache = new WeakMap<object, { kind: string | undefined; refs: ContainerRef[] }>();

/** Init containers with restartPolicy Always are sidecars: they keep running and may have probes. */
export const isSidecar = (ref: ContainerRef): boolean => ref.list === 'initContainers' && ref.c.restartPolicy === 'Always';

export interface ClaimSpecRef {
  spec: Obj;
  path: PathSeg[];
  /** 'PersistentVolumeClaim' or 'volumeClaimTemplate'. */
  what: string;
}

/** PVC specs: a PVC's own spec, or each StatefulSet claim template's spec. */
export function claimSpecsOf(r: Resource): ClaimSpecRef[] {
  if (r.kind === 'PersistentVolumeClaim') return isObj(r.value?.spec) ? [{ spec: r.value!.spec, path: ['spec'], what: 'PersistentVolumeClaim' }] : [];
  if (r.kind !== 'StatefulSet') return [];
  const out: ClaimSpecRef[] = [];
  arr(r.value?.spec?.volumeClaimTemplates).forEach((t, i) => {
    if (isObj(t) && isObj(t.spec)) out.push({ spec: t.spec, path: ['spec', 'volumeClaimTemplates', i, 'spec'], what: `volumeClaimTemplate '${t.metadata?.name ?? i}'` });
  });
  return out;
}

/** Claim template names (as written) with their indexes. */
export function claimTemplateNames(r: Resource): { name: string; index: number }[] {
  const out: { name: string; index: number }[] = [];
  arr(r.value?.spec?.volumeClaimTemplates).forEach((t, index) => {
    const name = t?.metadata?.name;
    if (typeof name === 'string') out.push({ name, index });
  });
  return out;
}

/** Every metadata.labels map of a resource with its path (the object's own, the pod template's, claim templates'). */
export function labelMapsOf(r: Resource): { labels: Obj; path: PathSeg[] }[] {
  const out: { labels: Obj; path: PathSeg[] }[] = [];
  const add = (v: unknown, path: PathSeg[]) => {
    if (isObj(v)) out.push({ labels: v, path });
  };
  add(r.value?.metadata?.labels, ['metadata', 'labels']);
  if (r.kind === 'StatefulSet') {
    add(r.value?.spec?.template?.metadata?.labels, ['spec', 'template', 'metadata', 'labels']);
    arr(r.value?.spec?.volumeClaimTemplates).forEach((t, i) => add(t?.metadata?.labels, ['spec', 'volumeClaimTemplates', i, 'metadata', 'labels']));
  }
  return out;
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
