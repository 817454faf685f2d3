// Predicts the names Kubernetes creates for a StatefulSet: pods, PVCs, DNS and SRV records.
// Reads only Resource.value (plain JS) and never throws: wrong types degrade to "nothing predicted".
import { namespaceOf, type Resource } from './model';
import { minor as minorOf } from './settings';
import type { Settings } from './types';
import type { ResourceIndex } from './workspace';

/** Lists are cut at this many ordinals so replicas: 1000000 cannot stall a hover (see `truncated`). */
export const MAX_PREDICTED = 1000;

export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';

/** Why per-pod DNS names are not guaranteed (undefined when they are). */
export type DnsDoubt =
  | 'no-service-name' // spec.serviceName empty or missing: pods get no per-pod records
  | 'no-index' // no workspace to look the Service up in
  | 'service-not-found'
  | 'not-headless' // the Service has a cluster IP: no per-pod A records are promised
  | 'no-selector' // Service without selector: nobody publishes endpoints for the pods
  | 'selector-mismatch'; // the Service does not select the pod template labels

export interface NamePrediction {
  /** StatefulSet name ('' when missing: then nothing is predicted). */
  name: string;
  namespace: string;
  /** spec.serviceName when it is a non-empty string. */
  serviceName?: string;
  /** Effective replica count (default 1; invalid values give 0). */
  replicas: number;
  /** First ordinal (spec.ordinals.start, default 0). */
  start: number;
  /** Last ordinal that will exist (start + replicas - 1; start - 1 when replicas is 0), even when truncated. */
  lastOrdinal: number;
  /** Ordinals that will exist, at most MAX_PREDICTED of them. */
  ordinals: number[];
  /** True when ordinals/pods/pvcs/podDNS were cut at MAX_PREDICTED. */
  truncated: boolean;
  /** Pod names `<set>-<i>`. */
  pods: string[];
  /** Pod hostnames (equal to pod names: the controller sets hostname, overriding the template). */
  hostnames: string[];
  /** One entry per volumeClaimTemplate, PVC names `<claim>-<set>-<i>`. */
  pvcs: { claim: string; names: string[] }[];
  /**
   * `<pod>.<svc>.<ns>.svc.<domain>` per pod. Empty without serviceName, and when the governing Service
   * was found but is not headless or does not select the pods; kept (dnsCertain false) when unknown.
   */
  podDNS: string[];
  /** True only when the governing Service was found, is headless and selects the pods. */
  dnsCertain: boolean;
  dnsDoubt?: DnsDoubt;
  /** `<svc>.<ns>.svc.<domain>` when serviceName is set. */
  serviceDNS?: string;
  /** SRV names for the named ports of the governing Service (empty when not found or unnamed). */
  srv: string[];
  /** The governing Service, when the index has exactly one (first one when duplicated). */
  service?: Resource;
  /** Labels the controller adds to each pod. */
  podIndexLabels: { pod: string; labels: Record<string, string> }[];
  /** Human-readable reasons for an empty or partial prediction. */
  notes: string[];
}

type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/** A shared, frozen empty mapping for what is not one (these helpers run for every document). */
const NO_FIELDS: Obj = Object.freeze({});

function obj(v: unknown): Obj {
  return isObj(v) ? v : NO_FIELDS;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v : undefined;
}

/** A non-negative integer from a number, or a numeric string (the type rule reports the quotes). */
function count(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : NaN;
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

export function podName(set: string, ordinal: number): string {
  return `${set}-${ordinal}`;
}

export function pvcName(claim: string, set: string, ordinal: number): string {
  return `${claim}-${set}-${ordinal}`;
}

export function dnsSuffix(ns: string, settings: Settings): string {
  return `${ns}.svc.${settings.clusterDomain}`;
}

/** Effective replicas and first ordinal of a StatefulSet value, with defaults applied. */
export function ordinalRange(value: unknown): { replicas: number; start: number; valid: boolean } {
  const spec = obj(obj(value).spec);
  const rawReplicas = spec.replicas;
  const replicas = rawReplicas === undefined || rawReplicas === null ? 1 : count(rawReplicas);
  const rawStart = obj(spec.ordinals).start;
  const start = rawStart === undefined || rawStart === null ? 0 : count(rawStart);
  return { replicas: replicas ?? 0, start: start ?? 0, valid: replicas !== undefined && start !== undefined };
}

/** Pod template labels as strings (non-string values are stringified: labels are compared as text). */
export function templateLabels(value: unknown): Record<string, string> {
  return labelMap(obj(obj(obj(obj(value).spec).template).metadata).labels);
}

/** A label map as text: scalar values stringified, anything else (lists, maps, null) left out. */
export function labelMap(labels: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isObj(labels)) return out;
  for (const k of Object.keys(labels)) {
    const v = labels[k];
    if (v !== null && v !== undefined && typeof v !== 'object') out[k] = String(v);
  }
  return out;
}

/** True for `clusterIP: None` exactly (`none` is not headless, it is an invalid IP). */
export function isHeadless(service: Resource | undefined): boolean {
  return obj(obj(service?.value).spec).clusterIP === 'None';
}

/** A Service selector (plain equality map) selects `labels` when every pair is present. Empty selects nothing. */
export function serviceSelects(service: Resource | undefined, labels: Record<string, string>): boolean | 'no-selector' {
  const sel = obj(obj(obj(service?.value).spec).selector);
  const keys = Object.keys(sel);
  if (keys.length === 0) return 'no-selector';
  return keys.every((k) => {
    const v = sel[k];
    return v !== null && typeof v !== 'object' && labels[k] === String(v);
  });
}

/** The governing Service of a StatefulSet and how sure we are that it gives pods DNS records. */
export function governingService(
  sts: Resource,
  settings: Settings,
  index?: ResourceIndex,
): { serviceName?: string; service?: Resource; certain: boolean; doubt?: DnsDoubt } {
  const serviceName = str(obj(obj(sts.value).spec).serviceName);
  if (!serviceName) return { certain: false, doubt: 'no-service-name' };
  if (!index) return { serviceName, certain: false, doubt: 'no-index' };
  // Several rules, hints and lenses ask per StatefulSet: answer once per index generation. Asked for
  // every StatefulSet, so the cache key is a constant (the default namespace picks the memo inside).
  const memos = index.derived('governing-service', () => new Map<string, WeakMap<Resource, ReturnType<typeof governingService>>>());
  let memo = memos.get(settings.defaultNamespace);
  if (!memo) memos.set(settings.defaultNamespace, (memo = new WeakMap()));
  let result = memo.get(sts);
  if (!result) memo.set(sts, (result = lookupGoverning(sts, serviceName, settings, index)));
  return result;
}

function lookupGoverning(sts: Resource, serviceName: string, settings: Settings, index: ResourceIndex): ReturnType<typeof governingService> {
  const ns = namespaceOf(sts, settings.defaultNamespace);
  const found = index.find('Service', ns, serviceName, settings.defaultNamespace);
  // With duplicates (overlays, copies), the Service next to the StatefulSet is the one meant.
  const service = found.length > 1 ? found.find((s) => s.uri === sts.uri) ?? found[0] : found[0];
  if (!service) return { serviceName, certain: false, doubt: 'service-not-found' };
  if (!isHeadless(service)) return { serviceName, service, certain: false, doubt: 'not-headless' };
  const sel = serviceSelects(service, templateLabels(sts.value));
  if (sel === 'no-selector') return { serviceName, service, certain: false, doubt: 'no-selector' };
  if (!sel) return { serviceName, service, certain: false, doubt: 'selector-mismatch' };
  return { serviceName, service, certain: true };
}

/** SRV record names for the named ports of a Service. */
export function srvNames(service: Resource | undefined, svcName: string, ns: string, settings: Settings): string[] {
  const ports = obj(service?.value).spec;
  const list = obj(ports).ports;
  if (!Array.isArray(list)) return [];
  const out: string[] = [];
  for (const p of list) {
    const name = str(obj(p).name);
    if (!name) continue;
    const proto = str(obj(p).protocol) ?? 'TCP';
    out.push(`_${name}._${proto.toLowerCase()}.${svcName}.${dnsSuffix(ns, settings)}`);
  }
  return out;
}

/** Claim template names, in order, skipping entries without a usable name. */
export function claimTemplateNames(value: unknown): string[] {
  const vcts = obj(obj(value).spec).volumeClaimTemplates;
  if (!Array.isArray(vcts)) return [];
  const out: string[] = [];
  for (const t of vcts) {
    const n = str(obj(obj(t).metadata).name);
    if (n && !out.includes(n)) out.push(n);
  }
  return out;
}

/** Predicts every name the StatefulSet `sts` makes Kubernetes create. Never throws. */
export function predictNames(sts: Resource, settings: Settings, index?: ResourceIndex): NamePrediction {
  const notes: string[] = [];
  const name = str(sts.name) ?? '';
  const namespace = namespaceOf(sts, settings.defaultNamespace);
  const { replicas, start, valid } = ordinalRange(sts.value);
  if (!valid) notes.push('spec.replicas or spec.ordinals.start is not a non-negative integer: nothing predicted for it.');
  if (!name) notes.push('metadata.name is missing: pod names cannot be predicted.');
  const gov = safeGoverning(sts, settings, index);
  const n = name ? Math.min(replicas, MAX_PREDICTED) : 0;
  const truncated = name !== '' && replicas > MAX_PREDICTED;
  if (truncated) notes.push(`Only the first ${MAX_PREDICTED} of ${replicas} ordinals are listed.`);
  if (name && replicas === 0) notes.push('replicas is 0: no pods or PVCs exist.');

  const ordinals = Array.from({ length: n }, (_, k) => start + k);
  const pods = ordinals.map((i) => podName(name, i));
  const pvcs = claimTemplateNames(sts.value).map((claim) => ({ claim, names: ordinals.map((i) => pvcName(claim, name, i)) }));
  const svc = gov.serviceName;
  const suffix = dnsSuffix(namespace, settings);
  // A Service that was found but cannot publish the pods (cluster IP, no or wrong selector) gives no
  // per-pod records at all; an unknown Service may still be fine, so those names are kept, uncertain.
  const noRecords = gov.doubt === 'not-headless' || gov.doubt === 'no-selector' || gov.doubt === 'selector-mismatch';
  const podDNS = svc && !noRecords ? pods.map((p) => `${p}.${svc}.${suffix}`) : [];
  const withIndexLabel = minorOf(settings) >= 28; // PodIndexLabel is on by default from v1.28 (beta), GA in v1.32
  const podIndexLabels = ordinals.map((i, k) => {
    const labels: Record<string, string> = { [POD_NAME_LABEL]: pods[k] };
    if (withIndexLabel) labels[POD_INDEX_LABEL] = String(i);
    return { pod: pods[k], labels };
  });
  return {
    name,
    namespace,
    ...(svc ? { serviceName: svc, serviceDNS: `${svc}.${suffix}` } : {}),
    replicas,
    start,
    lastOrdinal: start + replicas - 1,
    ordinals,
    truncated,
    pods,
    hostnames: [...pods],
    pvcs,
    podDNS,
    dnsCertain: gov.certain,
    ...(gov.doubt ? { dnsDoubt: gov.doubt } : {}),
    srv: svc && gov.service ? srvNames(gov.service, svc, namespace, settings) : [],
    ...(gov.service ? { service: gov.service } : {}),
    podIndexLabels,
    notes,
  };
}

function safeGoverning(sts: Resource, settings: Settings, index?: ResourceIndex): ReturnType<typeof governingService> {
  try {
    return governingService(sts, settings, index);
  } catch {
    return { certain: false, doubt: 'no-index' };
  }
}

/**
 * Short inline text for a list: 'web-0, web-1 … web-9 (10)'. For a truncated list pass the real
 * `total` and, if known, the `last` name (e.g. podName(p.name, p.lastOrdinal)).
 */
export function abbreviate(list: readonly string[], max = 3, total = list.length, last?: string): string {
  const m = Math.max(2, Number.isFinite(max) ? Math.floor(max) : 3);
  const n = Math.max(total, list.length);
  if (list.length === 0) return n > 0 ? `… (${n})` : '';
  if (n <= m && list.length === n) return list.join(', ');
  const head = list.slice(0, m - 1).join(', ');
  const tail = list.length === n ? list[list.length - 1] : last;
  return tail ? `${head} … ${tail} (${n})` : `${head} … (${n})`;
}

/** One-line description of a prediction's DNS doubt, for hovers and messages. */
export function describeDoubt(d: DnsDoubt | undefined, serviceName?: string): string {
  switch (d) {
    case undefined: return '';
    case 'no-service-name': return 'spec.serviceName is not set: pods get no per-pod DNS records.';
    case 'no-index': return `Service '${serviceName}' was not looked up: DNS names assume it is headless and selects the pods.`;
    case 'service-not-found': return `No Service '${serviceName}' in the workspace: DNS names assume it will exist, headless, selecting the pods.`;
    case 'not-headless': return `Service '${serviceName}' is not headless (clusterIP is not None): per-pod DNS records are not promised.`;
    case 'no-selector': return `Service '${serviceName}' has no selector: no endpoints are published for the pods.`;
    case 'selector-mismatch': return `Service '${serviceName}' does not select the pod template labels: pods get no DNS records through it.`;
  }
}
