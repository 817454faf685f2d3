// Finds every place a resource declares a name or refers to one by name (Service, PVC, ConfigMap, PV, pod volume).
// Shared by go to definition, find references, rename and completion.
import { isScalar, type Scalar } from 'yaml';
import { PerParse, rootOnce } from '../compact';
import type { Resource } from '../model';
import { isObj } from '../names';
import { getIn, nodeRange, type PathSeg } from '../nodes';

/** What a name points at. `volume` names are local to one pod template (plus its claim templates). */
export type NameTarget = 'Service' | 'PersistentVolumeClaim' | 'ConfigMap' | 'PersistentVolume' | 'volume';

/** One occurrence of a name, with document-relative offsets of the name text (quotes excluded). */
export interface NameOccurrence {
  target: NameTarget;
  role: 'decl' | 'ref';
  name: string;
  start: number;
  end: number;
  /** Namespace written on the occurrence itself (PV claimRef.namespace); otherwise the resource's applies. */
  namespace?: string;
}

/** Where the pod spec sits in each workload kind. */
const POD_SPEC_PATHS: Record<string, PathSeg[]> = {
  StatefulSet: ['spec', 'template', 'spec'],
  Deployment: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
  Pod: ['spec'],
};

export function podSpecPath(kind: string | undefined): PathSeg[] | undefined {
  return kind ? POD_SPEC_PATHS[kind] : undefined;
}

const DECLARED_KINDS: Partial<Record<string, NameTarget>> = {
  Service: 'Service',
  PersistentVolumeClaim: 'PersistentVolumeClaim',
  ConfigMap: 'ConfigMap',
  PersistentVolume: 'PersistentVolume',
};

/** A name a resource declares or refers to, read from its plain value: where it is, not yet at which offset. */
export interface NameRef {
  target: NameTarget;
  role: 'decl' | 'ref';
  name: string;
  path: PathSeg[];
  namespace?: string;
}

// Keyed by the plain value, which a document keeps for as long as its text is unchanged.
const refCache = new WeakMap<object, NameRef[]>();

/**
 * The names `r` declares or refers to, from its plain value alone. A search over the workspace
 * filters on these and places only what it keeps (nameOccurrences), so that it parses the trees of
 * the few documents it finds instead of every document of every unopened file.
 */
export function nameRefs(r: Resource): NameRef[] {
  const v = r.value;
  if (!v) return [];
  let out = refCache.get(v);
  if (!out) refCache.set(v, (out = extract(r.kind, v)));
  return out;
}

/** The occurrences of nameRefs(r), at their offsets in the document (quotes excluded), read once per parse (PerParse). */
export function nameOccurrences(r: Resource): NameOccurrence[] {
  return occurrences.of(r);
}

const occurrences = new PerParse((r): NameOccurrence[] => {
  const refs = nameRefs(r);
  // An unopened file's tree is parsed for this call only (see rootOnce).
  const root = refs.length ? rootOnce(r) : undefined;
  const out: NameOccurrence[] = [];
  for (const ref of refs) {
    const o = occurrence(getIn(root, ref.path), r.doc.text, ref.name);
    if (o) out.push({ target: ref.target, role: ref.role, ...o, ...(ref.namespace !== undefined ? { namespace: ref.namespace } : {}) });
  }
  return out;
});

type Add = (target: NameTarget, role: 'decl' | 'ref', name: unknown, path: PathSeg[], namespace?: string) => void;

function extract(kind: string | undefined, v: Record<string, any>): NameRef[] {
  const out: NameRef[] = [];
  const add: Add = (target, role, name, path, namespace) => {
    if (typeof name === 'string' && name !== '') out.push({ target, role, name, path, ...(namespace ? { namespace } : {}) });
  };
  const declared = kind ? DECLARED_KINDS[kind] : undefined;
  if (declared) add(declared, 'decl', v.metadata?.name, ['metadata', 'name']);
  if (kind === 'StatefulSet') {
    add('Service', 'ref', v.spec?.serviceName, ['spec', 'serviceName']);
    each(v.spec?.volumeClaimTemplates, (t, i) => {
      add('volume', 'decl', t?.metadata?.name, ['spec', 'volumeClaimTemplates', i, 'metadata', 'name']);
      add('PersistentVolume', 'ref', t?.spec?.volumeName, ['spec', 'volumeClaimTemplates', i, 'spec', 'volumeName']);
    });
  }
  if (kind === 'PersistentVolumeClaim') add('PersistentVolume', 'ref', v.spec?.volumeName, ['spec', 'volumeName']);
  if (kind === 'PersistentVolume') {
    const ns = v.spec?.claimRef?.namespace;
    add('PersistentVolumeClaim', 'ref', v.spec?.claimRef?.name, ['spec', 'claimRef', 'name'], typeof ns === 'string' && ns !== '' ? ns : undefined);
  }
  const podPath = podSpecPath(kind);
  if (podPath) {
    let spec: any = v;
    for (const seg of podPath) spec = isObj(spec) ? spec[seg] : undefined;
    if (isObj(spec)) podSpec(spec, podPath, add);
  }
  return out;
}

function podSpec(spec: Record<string, any>, at: PathSeg[], add: Add): void {
  each(spec.volumes, (v, i) => {
    const p = [...at, 'volumes', i];
    add('volume', 'decl', v?.name, [...p, 'name']);
    add('PersistentVolumeClaim', 'ref', v?.persistentVolumeClaim?.claimName, [...p, 'persistentVolumeClaim', 'claimName']);
    add('ConfigMap', 'ref', v?.configMap?.name, [...p, 'configMap', 'name']);
    each(v?.projected?.sources, (s, j) => add('ConfigMap', 'ref', s?.configMap?.name, [...p, 'projected', 'sources', j, 'configMap', 'name']));
  });
  for (const list of ['initContainers', 'containers', 'ephemeralContainers']) {
    each(spec[list], (c, i) => {
      const p = [...at, list, i];
      each(c?.volumeMounts, (m, j) => add('volume', 'ref', m?.name, [...p, 'volumeMounts', j, 'name']));
      each(c?.volumeDevices, (d, j) => add('volume', 'ref', d?.name, [...p, 'volumeDevices', j, 'name']));
      each(c?.env, (e, j) => add('ConfigMap', 'ref', e?.valueFrom?.configMapKeyRef?.name, [...p, 'env', j, 'valueFrom', 'configMapKeyRef', 'name']));
      each(c?.envFrom, (e, j) => add('ConfigMap', 'ref', e?.configMapRef?.name, [...p, 'envFrom', j, 'configMapRef', 'name']));
    });
  }
}

/** Calls `f` on each item of a list (nothing when `list` is not one). */
function each(list: unknown, f: (item: any, index: number) => void): void {
  if (Array.isArray(list)) for (let i = 0; i < list.length; i++) f(list[i], i);
}

/** The name text of a string scalar, without its quotes, when it reads `name` (as the value said). */
function occurrence(node: unknown, text: string, name: string): { name: string; start: number; end: number } | undefined {
  if (!isScalar(node)) return undefined;
  const v = (node as Scalar).value;
  if (v !== name) return undefined;
  const r = nodeRange(node);
  if (!r) return undefined;
  let [s, e] = r;
  const q = text[s];
  if ((q === '"' || q === "'") && e - s >= 2 && text[e - 1] === q) {
    s++;
    e--;
  }
  return { name: v, start: s, end: e };
}
