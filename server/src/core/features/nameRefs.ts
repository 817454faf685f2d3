// Finds every place a resource declares a name or refers to one by name (Service, PVC, ConfigMap, PV, pod volume).
// Shared by go to definition, find references, rename and completion.
import { isScalar, type Document, type Scalar } from 'yaml';
import { asMap, asSeq, getIn, nodeRange, type PathSeg } from '../nodes';
import type { Resource } from '../model';

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

// Keyed by the yaml Document: unchanged documents keep their Document across edits (model.ts reuses them),
// so a workspace-wide reference search re-extracts only what changed.
const cache = new WeakMap<Document, NameOccurrence[]>();

export function nameOccurrences(r: Resource): NameOccurrence[] {
  const key = r.doc.yaml;
  const hit = cache.get(key);
  if (hit) return hit;
  const out = extract(r);
  cache.set(key, out);
  return out;
}

function extract(r: Resource): NameOccurrence[] {
  const out: NameOccurrence[] = [];
  const root = r.root;
  if (!root) return out;
  const add = (target: NameTarget, role: 'decl' | 'ref', node: unknown, namespace?: string) => {
    const o = occurrence(node, r.doc.text);
    if (o) out.push({ target, role, ...o, ...(namespace ? { namespace } : {}) });
  };
  const declared = r.kind ? DECLARED_KINDS[r.kind] : undefined;
  if (declared) add(declared, 'decl', getIn(root, ['metadata', 'name']));
  if (r.kind === 'StatefulSet') {
    add('Service', 'ref', getIn(root, ['spec', 'serviceName']));
    for (const t of items(getIn(root, ['spec', 'volumeClaimTemplates']))) {
      add('volume', 'decl', getIn(t, ['metadata', 'name']));
      add('PersistentVolume', 'ref', getIn(t, ['spec', 'volumeName']));
    }
  }
  if (r.kind === 'PersistentVolumeClaim') add('PersistentVolume', 'ref', getIn(root, ['spec', 'volumeName']));
  if (r.kind === 'PersistentVolume') {
    const ns = getIn(root, ['spec', 'claimRef', 'namespace']);
    add('PersistentVolumeClaim', 'ref', getIn(root, ['spec', 'claimRef', 'name']), isScalar(ns) && typeof ns.value === 'string' && ns.value !== '' ? ns.value : undefined);
  }
  const podPath = podSpecPath(r.kind);
  if (podPath) podSpec(getIn(root, podPath), add);
  return out;
}

type Add = (target: NameTarget, role: 'decl' | 'ref', node: unknown) => void;

function podSpec(spec: unknown, add: Add): void {
  if (!asMap(spec)) return;
  for (const v of items(getIn(spec, ['volumes']))) {
    add('volume', 'decl', getIn(v, ['name']));
    add('PersistentVolumeClaim', 'ref', getIn(v, ['persistentVolumeClaim', 'claimName']));
    add('ConfigMap', 'ref', getIn(v, ['configMap', 'name']));
    for (const s of items(getIn(v, ['projected', 'sources']))) add('ConfigMap', 'ref', getIn(s, ['configMap', 'name']));
  }
  for (const list of ['initContainers', 'containers', 'ephemeralContainers']) {
    for (const c of items(getIn(spec, [list]))) {
      for (const m of items(getIn(c, ['volumeMounts']))) add('volume', 'ref', getIn(m, ['name']));
      for (const d of items(getIn(c, ['volumeDevices']))) add('volume', 'ref', getIn(d, ['name']));
      for (const e of items(getIn(c, ['env']))) add('ConfigMap', 'ref', getIn(e, ['valueFrom', 'configMapKeyRef', 'name']));
      for (const e of items(getIn(c, ['envFrom']))) add('ConfigMap', 'ref', getIn(e, ['configMapRef', 'name']));
    }
  }
}

function items(n: unknown): unknown[] {
  return asSeq(n)?.items ?? [];
}

/** The name text of a string scalar, without its quotes. */
function occurrence(node: unknown, text: string): { name: string; start: number; end: number } | undefined {
  if (!isScalar(node)) return undefined;
  const v = (node as Scalar).value;
  if (typeof v !== 'string' || v === '') return undefined;
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
