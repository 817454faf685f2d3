// Inlay hints: the pod, PVC and DNS names a StatefulSet creates, shown after replicas, claim names and serviceName.
import { asSeq, getIn, nodeRange } from '../nodes';
import { describeDoubt, ordinalRange, podName, predictNames, pvcName, type NamePrediction } from '../names';
import type { Resource } from '../model';
import type { Project } from '../project';
import type { Span } from '../types';

export interface InlayEntry {
  /** File offset the hint is shown at (just after the value it explains). */
  offset: number;
  label: string;
  /** Markdown. */
  tooltip?: string;
}

/** One predicted-name annotation: where it belongs and what it says (shared with code lenses). */
export interface NameNote {
  /** The value node the note explains (file offsets). */
  at: Span;
  /** What the value is: replicas, a claim template or serviceName. */
  what: 'replicas' | 'claim' | 'serviceName';
  label: string;
  tooltip: string;
}

export function inlayHints(project: Project, uri: string, range?: Span): InlayEntry[] {
  if (!project.settings.inlayHints) return [];
  const out: InlayEntry[] = [];
  for (const n of nameNotes(project, uri, range)) out.push({ offset: n.at.end, label: n.label, tooltip: n.tooltip });
  return out;
}

/** Name notes of every StatefulSet in the file (only those overlapping `range` when given). */
export function nameNotes(project: Project, uri: string, range?: Span): NameNote[] {
  const model = project.getFile(uri);
  if (!model) return [];
  const out: NameNote[] = [];
  for (const r of model.resources) {
    // Without a name or a usable replica count any list of names would be a guess.
    if (r.kind !== 'StatefulSet' || r.value === undefined || !r.name || !ordinalRange(r.value).valid) continue;
    const docStart = r.doc.offset;
    const docEnd = docStart + r.doc.text.length;
    if (range && (docEnd < range.start || docStart > range.end)) continue;
    const p = predictNames(r, project.settings, project.index);
    for (const n of notesOf(r, p)) if (!range || (n.at.end >= range.start && n.at.start <= range.end)) out.push(n);
  }
  return out;
}

function notesOf(r: Resource, p: NamePrediction): NameNote[] {
  const out: NameNote[] = [];
  const span = (path: (string | number)[]): Span | undefined => {
    const rg = nodeRange(getIn(r.root, path));
    return rg ? { start: r.doc.offset + rg[0], end: r.doc.offset + rg[1] } : undefined;
  };
  const count = p.replicas;
  const lastPod = podName(p.name, p.lastOrdinal);
  const replicas = span(['spec', 'replicas']);
  if (replicas) {
    out.push({
      at: replicas,
      what: 'replicas',
      label: count === 0 ? 'no pods' : range(p.pods[0], lastPod, count),
      tooltip: count === 0 ? 'replicas is 0: no pods exist.' : `Pods ${p.pods[0]} … ${lastPod} (${count}), created ${podOrderNote(r)}.`,
    });
  }
  asSeq(getIn(r.root, ['spec', 'volumeClaimTemplates']))?.items.forEach((_item, i) => {
    const at = span(['spec', 'volumeClaimTemplates', i, 'metadata', 'name']);
    const claim = getIn(r.root, ['spec', 'volumeClaimTemplates', i, 'metadata', 'name']);
    const name = claim && typeof (claim as { value?: unknown }).value === 'string' ? ((claim as { value: string }).value) : undefined;
    if (!at || !name) return;
    const first = pvcName(name, p.name, p.start);
    const last = pvcName(name, p.name, p.lastOrdinal);
    out.push({
      at,
      what: 'claim',
      label: count === 0 ? 'no PVCs' : range(first, last, count),
      tooltip: count === 0 ? 'replicas is 0: no PVCs are created.' : `PVCs ${first} … ${last} (${count}) in namespace ${p.namespace}, one per pod, kept when pods are deleted.`,
    });
  });
  const svc = span(['spec', 'serviceName']);
  if (svc && p.serviceName && p.podDNS.length) {
    const doubt = describeDoubt(p.dnsDoubt, p.serviceName);
    out.push({
      at: svc,
      what: 'serviceName',
      label: p.podDNS.length > 1 || p.truncated ? `${p.podDNS[0]} …` : p.podDNS[0],
      tooltip: [`Pod DNS names: ${p.podDNS[0]}${count > 1 ? ` … ${lastPod}.${p.serviceDNS}` : ''}`, `Service: ${p.serviceDNS}`, doubt].filter(Boolean).join('\n\n'),
    });
  }
  return out;
}

/** `web-0`, `web-0, web-1` or `web-0 … web-9`. */
function range(first: string, last: string, count: number): string {
  if (count <= 1) return first;
  if (count === 2) return `${first}, ${last}`;
  return `${first} … ${last}`;
}

function podOrderNote(r: Resource): string {
  const policy = (r.value as { spec?: { podManagementPolicy?: unknown } })?.spec?.podManagementPolicy;
  return policy === 'Parallel' ? 'in parallel' : 'one at a time in ordinal order';
}
