// The --names report: for each StatefulSet, the pods, PVCs and DNS names Kubernetes will create.
import { describeDoubt, type NamePrediction } from '../core/names';

/** One StatefulSet's names in the JSON output (documented in the README). */
export interface JsonNames {
  file: string;
  name: string;
  namespace: string;
  replicas: number;
  serviceName: string | null;
  pods: string[];
  /** Every PVC name, claim template by claim template. */
  pvcs: string[];
  podDNS: string[];
  serviceDNS: string | null;
  srv: string[];
  /** False when the per-pod DNS names are not guaranteed (see notes). */
  dnsCertain: boolean;
  truncated: boolean;
  notes: string[];
}

export function jsonNames(file: string, p: NamePrediction): JsonNames {
  return {
    file,
    name: p.name,
    namespace: p.namespace,
    replicas: p.replicas,
    serviceName: p.serviceName ?? null,
    pods: p.pods,
    pvcs: p.pvcs.flatMap((c) => c.names),
    podDNS: p.podDNS,
    serviceDNS: p.serviceDNS ?? null,
    srv: p.srv,
    dnsCertain: p.dnsCertain,
    truncated: p.truncated,
    notes: notesOf(p),
  };
}

function notesOf(p: NamePrediction): string[] {
  const doubt = describeDoubt(p.dnsDoubt, p.serviceName);
  return doubt && p.dnsDoubt !== 'no-service-name' ? [...p.notes, doubt] : p.notes;
}

/** A readable table: one row per ordinal with its pod, PVCs and pod DNS name. */
export function textNames(file: string, p: NamePrediction): string[] {
  const title = `StatefulSet ${p.name || '(unnamed)'} in namespace ${p.namespace} (${file}): ${p.replicas} replica${p.replicas === 1 ? '' : 's'}`;
  const out = [title];
  if (p.pods.length) {
    const header = ['ordinal', 'pod', ...p.pvcs.map((c) => `PVC (${c.claim})`), ...(p.podDNS.length ? ['pod DNS'] : [])];
    const rows = p.ordinals.map((o, k) => [String(o), p.pods[k], ...p.pvcs.map((c) => c.names[k]), ...(p.podDNS.length ? [p.podDNS[k]] : [])]);
    const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
    const fmt = (r: string[]) => '  ' + r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]))).join('  ');
    out.push(fmt(header), ...rows.map(fmt));
    if (p.truncated) out.push(`  … up to ${p.name}-${p.lastOrdinal}`);
  }
  if (p.serviceDNS) out.push(`  Service DNS: ${p.serviceDNS}`);
  else out.push('  No serviceName: pods get no per-pod DNS records.');
  for (const s of p.srv) out.push(`  SRV: ${s}`);
  for (const n of notesOf(p)) out.push(`  note: ${n}`);
  return out;
}
