// What the API server refuses to change on an existing object: a resource compared with its earlier version
// (see baseline.ts). Values are compared as the API server compares them after defaulting: a field set to its
// default equals the field left out, null equals absent, and quantities compare by amount (1Gi = 1024Mi).
import { claimTemplateNames, ordinalRange, pvcName } from '../names';
import type { PathSeg } from '../nodes';
import { arr, isObj, obj, type Obj } from './pod';
import { compareQuantities } from './quantity';

export interface ImmutableChange {
  /** Where the change shows in the current resource (the nearest existing ancestor is reported when it was removed). */
  path: PathSeg[];
  message: string;
  /** The earlier value, when it is a scalar that can be written back at `path` (a quick fix). */
  earlier?: string | number | boolean;
}

/** The StatefulSet spec fields an update may change; the API server rejects a change to any other. */
export const STATEFULSET_UPDATABLE = ['replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy', 'minReadySeconds'];

/** The immutable fields that differ between `before` and `after` (resources of the same kind, namespace and name). */
export function immutableChanges(kind: string, before: Obj, after: Obj): ImmutableChange[] {
  switch (kind) {
    case 'StatefulSet':
      return statefulSet(before, after);
    case 'Service':
      return service(obj(before.spec), obj(after.spec));
    case 'PersistentVolumeClaim':
      return claim(obj(before.spec), obj(after.spec));
    case 'PersistentVolume':
      return volume(obj(before.spec), obj(after.spec));
    case 'ConfigMap':
      return configMap(before, after);
    default:
      return [];
  }
}

const UPDATABLE = new Set(STATEFULSET_UPDATABLE);
const UPDATABLE_TEXT = `${STATEFULSET_UPDATABLE.slice(0, -1).join(', ')} and ${STATEFULSET_UPDATABLE[STATEFULSET_UPDATABLE.length - 1]}`;

/**
 * For a hover on the field at `path`: that an existing object keeps it as created (the rule reports a change
 * against a baseline; this says so up front). Undefined for fields an update may change.
 */
export function immutableNote(kind: string, path: readonly PathSeg[]): string | undefined {
  if (path[0] !== 'spec' || typeof path[1] !== 'string') return undefined;
  const field = path[1];
  if (kind === 'StatefulSet' && ['selector', 'serviceName', 'volumeClaimTemplates', 'podManagementPolicy'].includes(field)) {
    const grow = field === 'volumeClaimTemplates' && path[path.length - 1] === 'storage'
      ? ' To grow the volumes of existing pods, raise the request of each of their PVCs instead (where the StorageClass allows expansion).'
      : '';
    return `Fixed when the StatefulSet is created: the API server refuses to change \`${field}\` of an existing StatefulSet (only ${UPDATABLE_TEXT} can change). To change it, delete the StatefulSet with \`--cascade=orphan\` (its pods and PVCs stay) and apply it again.${grow}`;
  }
  if (kind === 'Service' && field === 'clusterIP' && path.length === 2) {
    return 'Fixed once set: an existing Service cannot become headless (`None`) or stop being headless, nor change its IP; delete the Service and create it again.';
  }
  if (kind === 'PersistentVolumeClaim') {
    if (field === 'resources' && path[2] === 'requests' && path[3] === 'storage') return 'An existing claim\'s request may grow, where its StorageClass allows expansion, and never shrink.';
    if (field !== 'resources' && field !== 'volumeAttributesClassName' && path.length === 2) return 'Fixed when the claim is created: its spec cannot change, except resources.requests and volumeAttributesClassName.';
  }
  return undefined;
}

function statefulSet(before: Obj, after: Obj): ImmutableChange[] {
  if (before.apiVersion !== 'apps/v1' || after.apiVersion !== 'apps/v1') return [];
  const b = obj(before.spec);
  const a = obj(after.spec);
  const written = obj(after.metadata).name;
  const name = typeof written === 'string' ? written : 'NAME';
  const recreate = `Delete the StatefulSet without its pods (\`kubectl delete statefulset ${name} --cascade=orphan\`; pods and PVCs stay) and apply it again: the new one adopts the pods.`;
  const out: ImmutableChange[] = [];
  for (const field of keys(b, a)) {
    if (UPDATABLE.has(field)) continue;
    const was = statefulSetField(field, b[field]);
    const now = statefulSetField(field, a[field]);
    if (same(was, now)) continue;
    const { what, advice } = field === 'volumeClaimTemplates' ? claimTemplatesChange(b[field], a[field], after, name) : { what: `${field} ${describeChange(was, now)}`, advice: undefined };
    out.push({
      path: ['spec', field],
      message: `${what}: the API server refuses to update a StatefulSet's ${field} (only ${UPDATABLE_TEXT} can change), so applying this to a cluster that runs the earlier version fails. ${advice ?? recreate}`,
      ...earlier(b[field], a[field]),
    });
  }
  return out;
}

/** A StatefulSet spec field with the API server's defaults filled in. */
function statefulSetField(field: string, v: unknown): unknown {
  if (field === 'podManagementPolicy') return v ?? 'OrderedReady';
  if (field === 'serviceName') return v ?? '';
  if (field === 'volumeClaimTemplates' && Array.isArray(v)) return v.map(claimTemplate);
  return v;
}

/** A claim template for comparing: the API server fills in apiVersion, kind and status (not compared) and volumeMode Filesystem. */
function claimTemplate(t: unknown): unknown {
  if (!isObj(t)) return t;
  const { apiVersion: _a, kind: _k, status: _s, ...rest } = t;
  const s = isObj(rest.spec) ? { ...rest.spec, volumeMode: rest.spec.volumeMode ?? 'Filesystem' } : rest.spec;
  return { ...rest, spec: s };
}

/** Says what changed in the claim templates; a larger storage request gets the way that does work. */
function claimTemplatesChange(before: unknown, after: unknown, sts: Obj, setName: string): { what: string; advice?: string } {
  const names = (v: unknown) => claimTemplateNames({ spec: { volumeClaimTemplates: v } });
  const was = names(before);
  const now = names(after);
  const added = now.filter((n) => !was.includes(n));
  const removed = was.filter((n) => !now.includes(n));
  if (added.length || removed.length) {
    return { what: `volumeClaimTemplates ${[added.length ? `gained ${list(added)}` : '', removed.length ? `lost ${list(removed)}` : ''].filter(Boolean).join(' and ')}` };
  }
  const named = (v: unknown, n: string) => arr(v).map(claimTemplate).find((t) => isObj(t) && isObj(t.metadata) && t.metadata.name === n);
  const changed = now.filter((n) => !same(named(before, n), named(after, n)));
  if (!changed.length) return { what: 'volumeClaimTemplates changed' };
  const storage = (t: unknown) => (t as { spec?: { resources?: { requests?: { storage?: unknown } } } } | undefined)?.spec?.resources?.requests?.storage;
  const grew = (n: string) => {
    const b = named(before, n);
    const a = named(after, n);
    return same(withoutStorage(b), withoutStorage(a)) && (compareQuantities(storage(a), storage(b)) ?? 0) > 0;
  };
  if (!changed.every(grew)) return { what: `Claim template ${list(changed)} changed` };
  const { start, replicas, valid } = ordinalRange(sts);
  const pvcs = valid && replicas > 0 ? changed.map((c) => `${pvcName(c, setName, start)}${replicas > 1 ? ` … ${pvcName(c, setName, start + replicas - 1)}` : ''}`).join(', ') : 'one per pod';
  return {
    what: `The storage request of claim template ${list(changed)} grew`,
    advice: `To grow the volumes, raise the request of each PVC (${pvcs}) where its StorageClass allows expansion, then delete the StatefulSet without its pods (\`kubectl delete statefulset ${setName} --cascade=orphan\`) and apply it again, so that claims made later get the new size.`,
  };
}

function withoutStorage(t: unknown): unknown {
  if (!isObj(t) || !isObj(t.spec) || !isObj(t.spec.resources) || !isObj(t.spec.resources.requests)) return t;
  const { storage: _s, ...requests } = t.spec.resources.requests;
  return { ...t, spec: { ...t.spec, resources: { ...t.spec.resources, requests } } };
}

function service(b: Obj, a: Obj): ImmutableChange[] {
  // A change to or from ExternalName may drop or set the cluster IP.
  if (b.type === 'ExternalName' || a.type === 'ExternalName') return [];
  const headless = (s: Obj) => s.clusterIP === 'None';
  const explicit = (s: Obj) => typeof s.clusterIP === 'string' && s.clusterIP !== '' && s.clusterIP !== 'None';
  let what: string | undefined;
  if (headless(b) && !headless(a)) what = 'The Service was headless (clusterIP: None) and no longer is';
  else if (!headless(b) && headless(a)) what = 'The Service became headless (clusterIP: None)';
  else if (explicit(b) && explicit(a) && b.clusterIP !== a.clusterIP) what = `clusterIP changed from ${String(b.clusterIP)} to ${String(a.clusterIP)}`;
  if (!what) return [];
  return [{
    ...earlier(b.clusterIP, a.clusterIP),
    path: ['spec', 'clusterIP'],
    message: `${what}: a Service's clusterIP cannot change (the API server answers "field is immutable"), so applying this to a cluster that runs the earlier version fails. Delete the Service and create it again; its DNS name does not resolve in between.`,
  }];
}

/** A claim's spec may change only in resources.requests (never smaller) and volumeAttributesClassName. */
function claim(b: Obj, a: Obj): ImmutableChange[] {
  const out: ImmutableChange[] = [];
  const tail = 'so applying this to a cluster that runs the earlier version fails. Create a new claim (and copy the data) instead.';
  for (const field of keys(b, a)) {
    if (field === 'resources' || field === 'volumeAttributesClassName') continue;
    // Filled in on the cluster when left out (binding, the default StorageClass): the earlier value is unknown.
    if ((field === 'volumeName' || field === 'storageClassName') && b[field] == null) continue;
    const was = field === 'volumeMode' ? b[field] ?? 'Filesystem' : b[field];
    const now = field === 'volumeMode' ? a[field] ?? 'Filesystem' : a[field];
    if (same(was, now)) continue;
    out.push({ path: ['spec', field], message: `${field} ${describeChange(was, now)}: a PersistentVolumeClaim's spec cannot change after creation except resources.requests and volumeAttributesClassName, ${tail}`, ...earlier(b[field], a[field]) });
  }
  if (!same(obj(b.resources).limits, obj(a.resources).limits)) {
    out.push({ path: ['spec', 'resources', 'limits'], message: `resources.limits changed: a PersistentVolumeClaim's spec cannot change after creation except resources.requests and volumeAttributesClassName, ${tail}` });
  }
  const storage = (s: Obj) => obj(obj(s.resources).requests).storage;
  if ((compareQuantities(storage(a), storage(b)) ?? 0) < 0) {
    out.push({
      path: ['spec', 'resources', 'requests', 'storage'],
      message: `The storage request shrank from ${String(storage(b))} to ${String(storage(a))}: a claim can only grow (the API server answers "field can not be less than previous value"), ${tail}`,
    });
  }
  return out;
}

const VOLUME_SOURCES = [
  'awsElasticBlockStore', 'azureDisk', 'azureFile', 'cephfs', 'cinder', 'csi', 'fc', 'flexVolume', 'flocker', 'gcePersistentDisk', 'glusterfs',
  'hostPath', 'iscsi', 'local', 'nfs', 'photonPersistentDisk', 'portworxVolume', 'quobyte', 'rbd', 'scaleIO', 'storageos', 'vsphereVolume',
];

/** A volume's source and volumeMode never change, nor its nodeAffinity once set. */
function volume(b: Obj, a: Obj): ImmutableChange[] {
  const out: ImmutableChange[] = [];
  const tail = 'so applying this to a cluster that runs the earlier version fails. Create a new PersistentVolume instead.';
  const source = (s: Obj) => VOLUME_SOURCES.filter((k) => s[k] != null).map((k) => [k, s[k]]);
  if (!same(source(b), source(a))) {
    const now = VOLUME_SOURCES.find((k) => a[k] != null);
    out.push({ path: now ? ['spec', now] : ['spec'], message: `The volume source changed: a PersistentVolume's source cannot change after creation, ${tail}` });
  }
  if (!same(b.volumeMode ?? 'Filesystem', a.volumeMode ?? 'Filesystem')) {
    out.push({ path: ['spec', 'volumeMode'], message: `volumeMode ${describeChange(b.volumeMode ?? 'Filesystem', a.volumeMode ?? 'Filesystem')}: a PersistentVolume's volumeMode cannot change, ${tail}` });
  }
  if (b.nodeAffinity != null && !same(b.nodeAffinity, a.nodeAffinity)) {
    out.push({ path: ['spec', 'nodeAffinity'], message: `nodeAffinity changed: once set, a PersistentVolume's nodeAffinity cannot change, ${tail}` });
  }
  return out;
}

/** An immutable ConfigMap (immutable: true) keeps its data and stays immutable. */
function configMap(b: Obj, a: Obj): ImmutableChange[] {
  if (b.immutable !== true) return [];
  const tail = 'so applying this to a cluster that runs the earlier version fails. Create a ConfigMap with a new name and point the pods to it (or delete and re-create this one).';
  if (a.immutable !== true) return [{ path: ['immutable'], message: `The ConfigMap was immutable and no longer is: immutable: true cannot be undone, ${tail}` }];
  const out: ImmutableChange[] = [];
  for (const field of ['data', 'binaryData']) {
    if (!same(b[field], a[field])) out.push({ path: [field], message: `${field} changed in an immutable ConfigMap (immutable: true), ${tail}` });
  }
  return out;
}

/** `{ earlier }` when both values are scalars (the fix writes the earlier one back in place of the current one). */
function earlier(was: unknown, now: unknown): { earlier?: string | number | boolean } {
  const scalar = (v: unknown): v is string | number | boolean => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
  return scalar(was) && scalar(now) ? { earlier: was } : {};
}

// ---------- comparison ----------

/** The keys of both objects, first `a`'s then those only `b` has. */
function keys(a: Obj, b: Obj): string[] {
  const out = Object.keys(a);
  for (const k of Object.keys(b)) if (!(k in a)) out.push(k);
  return out;
}

/** Equal as the API server stores them: null is absent, and amounts (requests, limits, capacity) compare by quantity. */
export function same(a: unknown, b: unknown, amounts = false): boolean {
  if (a === b) return true;
  if (a == null || b == null) return isEmpty(a) && isEmpty(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => same(x, b[i]));
  }
  if (isObj(a) && isObj(b)) {
    for (const k of keys(a, b)) if (!same(a[k], b[k], amounts || AMOUNTS.has(k))) return false;
    return true;
  }
  // An amount written two ways ('1Gi' and '1024Mi', 1 and '1') is the same amount.
  return amounts && compareQuantities(a, b) === 0;
}

/** Maps of quantities. */
const AMOUNTS = new Set(['requests', 'limits', 'capacity']);

/** An empty map or list counts as absent (the API server drops them when it stores the object). */
function isEmpty(v: unknown): boolean {
  return v == null || (Array.isArray(v) ? v.length === 0 : isObj(v) && Object.keys(v).every((k) => v[k] == null));
}

function describeChange(was: unknown, now: unknown): string {
  const show = (v: unknown) => (v == null ? 'unset' : typeof v === 'object' ? 'a different value' : `'${String(v)}'`);
  if (was == null) return `was added (${show(now)})`;
  if (now == null) return `was removed (was ${show(was)})`;
  const w = show(was);
  const n = show(now);
  return w === n ? 'changed' : `changed from ${w} to ${n}`;
}

function list(names: string[]): string {
  return names.map((n) => `'${n}'`).join(', ');
}
