// What the StatefulSet controller does with a set's pods and claims over time, said with the set's own names:
// the order pods come and go in (podManagementPolicy), what a template change replaces (updateStrategy,
// partition, maxUnavailable, minReadySeconds) and what becomes of the claims (persistentVolumeClaimRetentionPolicy).
import { claimTemplateNames, ordinalRange } from '../names';
import { isInt, obj } from './pod';

export interface Lifecycle {
  /** How pods are created and removed when the set is created, scaled or deleted. */
  scaling: string;
  /** What a change of the pod template does to the pods. */
  updates: string;
  /** What becomes of the claims; undefined without claim templates. */
  claims?: string;
}

/** Names listed in full up to this many; longer lists keep the first two and the last. */
const LISTED = 4;

/** The names at(0) .. at(count - 1): `web-0, web-1, web-2`, or `web-0, web-1, …, web-9` when long. */
function list(count: number, at: (k: number) => string): string {
  if (count <= LISTED) return Array.from({ length: count }, (_, k) => at(k)).join(', ');
  return `${at(0)}, ${at(1)}, …, ${at(count - 1)}`;
}

/** `web-1 keeps` or `web-0, web-1 keep`. */
function subject(count: number, at: (k: number) => string, verb: string): string {
  return `${list(count, at)} ${count === 1 ? `${verb}s` : verb}`;
}

/**
 * The lifecycle of StatefulSet `name` with `value` as its manifest, for Kubernetes minor version `minor`.
 * Ordinals come from ordinalRange (replicas default 1, ordinals.start default 0; invalid values count as 0).
 */
export function lifecycle(name: string, value: unknown, minor: number): Lifecycle {
  const spec = obj(obj(value).spec);
  const { replicas, start } = ordinalRange(value);
  /** The pod of index k (its ordinal is start + k). */
  const pod = (k: number) => `${name}-${start + k}`;

  let scaling: string;
  if (replicas === 0) scaling = 'No pods (replicas 0).';
  else if (replicas === 1) scaling = `One pod, ${pod(0)}.`;
  else if (spec.podManagementPolicy === 'Parallel') {
    scaling = `Pods ${list(replicas, pod)} are created and removed all at once (podManagementPolicy Parallel; updates still follow updateStrategy).`;
  } else {
    scaling = `Pods ${list(replicas, pod)} are created in that order, each once the one before is Running and Ready, and removed in reverse order, each once the one after it is gone (podManagementPolicy OrderedReady).`;
  }

  const strategy = obj(spec.updateStrategy);
  const rolling = obj(strategy.rollingUpdate);
  let updates: string;
  if (strategy.type === 'OnDelete') {
    updates = 'A template change replaces no pod by itself: each pod gets the new template when you delete it (updateStrategy OnDelete).';
  } else if (replicas === 0) {
    updates = 'A template change applies to the pods created later.';
  } else {
    // The partition counts pods from ordinals.start: the pods of index >= partition are replaced.
    const partition = isInt(rolling.partition) && rolling.partition > 0 ? rolling.partition : 0;
    if (partition >= replicas) {
      updates = `A template change replaces no pod: partition ${partition} is not below replicas ${replicas}, so ${subject(replicas, pod, 'keep')} the current revision.`;
    } else {
      const replaced = replicas - partition;
      const highestFirst = (k: number) => pod(replicas - 1 - k);
      const step = perStep(rolling.maxUnavailable, replicas, minor);
      const ready = isInt(spec.minReadySeconds) && spec.minReadySeconds > 0 ? ` and has been for ${spec.minReadySeconds} s (minReadySeconds)` : '';
      updates = replaced === 1
        ? `A template change replaces ${pod(partition)}${step.note}.`
        : `A template change replaces ${list(replaced, highestFirst)}, highest ordinal first, ${step.count === 1 ? 'one at a time' : `up to ${step.count} at a time`}, each once those replaced before are Running and Ready${ready}${step.note}.`;
      if (partition > 0) {
        updates += ` ${subject(partition, pod, 'keep')} the current revision, even when deleted (partition ${partition}${start ? `, counted from ordinals.start ${start}` : ''}).`;
      }
    }
  }

  const claims = claimTemplateNames(value);
  if (!claims.length) return { scaling, updates };
  const policy = obj(spec.persistentVolumeClaimRetentionPolicy);
  /** The claims of the pods of index from .. from + count - 1, claim template by claim template. */
  const claimsOf = (from: number, count: number) => list(claims.length * count, (k) => `${claims[Math.floor(k / count)]}-${pod(from + (k % count))}`);
  const own = replicas ? `Claims ${claimsOf(0, replicas)}` : 'The claims';
  const deleted = policy.whenDeleted === 'Delete' ? 'are deleted with the StatefulSet (whenDeleted Delete)' : 'are kept when the StatefulSet is deleted (whenDeleted Retain)';
  const scaled = policy.whenScaled === 'Delete'
    ? `deleted when a scale-down removes their pod${replicas > 1 ? `, e.g. ${claimsOf(replicas - 1, 1)} when scaled to ${replicas - 1}` : ''} (whenScaled Delete)`
    : 'kept when a scale-down removes their pod (whenScaled Retain)';
  return { scaling, updates, claims: `${own} ${deleted}, and ${scaled}.` };
}

/**
 * rollingUpdate.maxUnavailable as the API server reads it (v1.35+, where the MaxUnavailableStatefulSet gate is
 * on by default): a positive integer, or a percentage of replicas from 1% to 100%, rounded up. `pods` is how
 * many pods that is; `problem` why the value is refused. A number that is not an integer (the schema's to
 * report) or a value of another type gives neither.
 */
export function readMaxUnavailable(v: unknown): { pods?: (replicas: number) => number; problem?: string } {
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) return {};
    return v < 1 ? { problem: `maxUnavailable must be greater than 0 (is ${v}).` } : { pods: () => v };
  }
  if (typeof v !== 'string') return {};
  const m = /^(\d+)%$/.exec(v);
  if (!m) return { problem: `maxUnavailable '${v}' must be an integer or a percentage like '25%'.` };
  const percent = Number(m[1]);
  if (percent < 1) return { problem: `maxUnavailable must be greater than 0 (is ${v}).` };
  if (percent > 100) return { problem: `maxUnavailable must not be greater than 100% (is ${v}).` };
  return { pods: (replicas) => Math.ceil((replicas * percent) / 100) };
}

/**
 * How many pods a rolling update replaces at once: 1, or maxUnavailable where it applies (v1.35+). An invalid
 * value (max-unavailable-invalid) counts as 1.
 */
function perStep(maxUnavailable: unknown, replicas: number, minor: number): { count: number; note: string } {
  if (maxUnavailable === undefined || maxUnavailable === null) return { count: 1, note: '' };
  if (minor < 35) return { count: 1, note: ' (maxUnavailable is dropped before Kubernetes 1.35)' };
  const { pods } = readMaxUnavailable(maxUnavailable);
  return { count: Math.min(pods ? pods(replicas) : 1, replicas), note: '' };
}
