// Whether a PersistentVolume can bind a claim: the checks the PV controller makes before it binds a claim to the
// volume it names (requested size, storage class, volume mode, access modes). Any one of them failing leaves the
// claim Pending, with the event "Cannot bind to requested volume ...".
import type { PathSeg } from '../nodes';
import { compareQuantities } from './quantity';
import { isObj, type Obj } from './pod';

export interface BindingMismatch {
  /** The field of the PersistentVolume's spec that does not fit, as a document path. */
  pvPath: PathSeg[];
  /** The claim's field it does not fit, relative to the claim's spec. */
  claimPath: PathSeg[];
  /** What the PV controller says, e.g. "storageClassName does not match". */
  reason: string;
  /** What differs, from the volume's side; `claim` names the claim ("the claim", "the claim template"). */
  text(claim: string): string;
  /** YAML text for the claim's field that would fit the volume, where one value does (not for access modes). */
  fits?: string;
}

/** Why the volume with spec `pv` cannot bind a claim with spec `claim`, in the controller's order; [] when it can. */
export function bindingMismatches(claim: Obj, pv: Obj): BindingMismatch[] {
  const out: BindingMismatch[] = [];
  const request = isObj(claim.resources) && isObj(claim.resources.requests) ? claim.resources.requests.storage : undefined;
  const capacity = isObj(pv.capacity) ? pv.capacity.storage : undefined;
  if (request !== undefined && capacity !== undefined && (compareQuantities(capacity, request) ?? 0) < 0) {
    out.push({
      pvPath: ['spec', 'capacity', 'storage'],
      claimPath: ['resources', 'requests', 'storage'],
      reason: 'requested PV is too small',
      text: () => `capacity ${String(capacity)} is smaller than the requested ${String(request)}`,
      fits: String(capacity),
    });
  }
  const claimClass = claim.storageClassName;
  const pvClass = typeof pv.storageClassName === 'string' ? pv.storageClassName : '';
  // An omitted claim class gets the cluster's default class when the claim is created: unknown here, so not compared.
  if (typeof claimClass === 'string' && claimClass !== pvClass) {
    out.push({
      pvPath: ['spec', 'storageClassName'],
      claimPath: ['storageClassName'],
      reason: 'storageClassName does not match',
      text: (who) => `storageClassName ${JSON.stringify(pvClass)} differs from ${who}'s ${JSON.stringify(claimClass)}`,
      fits: pvClass === '' ? '""' : pvClass,
    });
  }
  const claimMode = typeof claim.volumeMode === 'string' ? claim.volumeMode : 'Filesystem';
  const pvMode = typeof pv.volumeMode === 'string' ? pv.volumeMode : 'Filesystem';
  if (claimMode !== pvMode) {
    out.push({
      pvPath: ['spec', 'volumeMode'],
      claimPath: ['volumeMode'],
      reason: 'incompatible volumeMode',
      text: (who) => `volumeMode ${pvMode} differs from ${who}'s ${claimMode}`,
      fits: pvMode,
    });
  }
  const claimModes: unknown[] = Array.isArray(claim.accessModes) ? claim.accessModes : [];
  const pvModes: unknown[] = Array.isArray(pv.accessModes) ? pv.accessModes : [];
  const missing = claimModes.filter((m) => !pvModes.includes(m));
  if (missing.length) {
    out.push({
      pvPath: ['spec', 'accessModes'],
      claimPath: ['accessModes'],
      reason: 'incompatible accessMode',
      text: (who) => `accessModes lack ${missing.map(String).join(', ')} requested by ${who}`,
    });
  }
  return out;
}

/** The claim a PersistentVolume's claimRef reserves it for, when the claimRef names one. */
export interface ClaimRef {
  name: string;
  /** Unset: the claimRef does not say, and any namespace matches. */
  namespace?: string;
}

export function claimRefOf(pv: unknown): ClaimRef | undefined {
  const ref = isObj(pv) ? pv.claimRef : undefined;
  if (!isObj(ref) || typeof ref.name !== 'string') return undefined;
  return typeof ref.namespace === 'string' ? { name: ref.name, namespace: ref.namespace } : { name: ref.name };
}

/** Whether `ref` reserves the volume for the claim `name` in `namespace`. */
export function reservesFor(ref: ClaimRef, name: string, namespace: string): boolean {
  return ref.name === name && (ref.namespace === undefined || ref.namespace === namespace);
}
