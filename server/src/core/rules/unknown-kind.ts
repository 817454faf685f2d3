// A kind that is a misspelling of a kind this engine knows (`statefulSet`): kinds are case-sensitive and kubectl says "no matches for kind".
import { findPair } from '../nodes';
import type { DocRule } from '../rule';
import { apiVersionOf, knownKinds } from '../schema/index';
import { quoteList, suggest } from '../schema/suggest';
import type { Fix } from '../types';

/** Real built-in kinds close to ours in spelling; never reported (they are just not validated here). */
const OTHER_BUILTIN_KINDS = new Set([
  'Pod', 'PodTemplate', 'ReplicationController', 'Secret', 'ServiceAccount', 'Namespace', 'Node', 'Endpoints', 'Event',
  'LimitRange', 'ResourceQuota', 'Binding', 'ComponentStatus', 'List', 'Deployment', 'DaemonSet', 'ReplicaSet',
  'ControllerRevision', 'EndpointSlice', 'StorageClass', 'VolumeAttachment', 'CSIDriver', 'CSINode', 'Job', 'CronJob',
  'Ingress', 'NetworkPolicy', 'PodDisruptionBudget', 'Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding',
]);
/** Versions under which our kinds are (or were) served; another group means a CRD, which is left alone. */
const OUR_GROUPS = /^(v1|apps\/v1(beta[12])?|extensions\/v1beta1)$/;

export const unknownKind: DocRule = {
  code: 'unknown-kind',
  severity: 'error',
  description: 'The kind looks like a misspelt StatefulSet, Service, PersistentVolumeClaim, PersistentVolume, ConfigMap or Pod (kinds are case-sensitive).',
  kinds: '*',
  check(r, ctx) {
    const kind = r.kind;
    if (!kind) return;
    if (apiVersionOf(kind) !== undefined || OTHER_BUILTIN_KINDS.has(kind)) return; // a kind we know
    const kinds = knownKinds().map((k) => k.kind);
    const s = suggest(kind, kinds);
    if (!s.names.length) return;
    const caseOnly = s.names.some((n) => n.toLowerCase() === kind.toLowerCase());
    const apiVersion = r.value?.apiVersion;
    // A near miss from another API group is probably a real CRD kind; a case-only difference never is.
    if (!caseOnly && apiVersion !== undefined && !(typeof apiVersion === 'string' && OUR_GROUPS.test(apiVersion))) return;
    const value = findPair(r.root, 'kind')?.value;
    const span = ctx.span(r, value);
    const fixes: Fix[] = span ? s.names.map((n) => ({ title: `Change kind to ${n}`, edits: [{ uri: r.uri, ...span, newText: n }], ...(s.confident ? { isPreferred: true } : {}) })) : [];
    const why = caseOnly ? 'kinds are case-sensitive' : 'no such kind';
    ctx.report(r, { node: value, path: ['kind'], message: `Unknown kind "${kind}" (${why}; kubectl: "no matches for kind"): did you mean ${quoteList(s.names)}?`, fixes });
  },
};
