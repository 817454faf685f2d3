// Inlay hints: the pod, PVC and DNS names a StatefulSet creates, shown after replicas, claim names and serviceName.
import type { YAMLMap } from 'yaml';
import { PerParse, rootOnce } from '../compact';
import { asSeq, getIn, nodeRange } from '../nodes';
import { describeDoubt, ordinalRange, podName, predictNames, pvcName, type NamePrediction } from '../names';
import type { FileModel, Resource } from '../model';
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
    if (!annotated(r)) continue;
    const docStart = r.doc.offset;
    const docEnd = docStart + r.doc.text.length;
    if (range && (docEnd < range.start || docStart > range.end)) continue;
    const p = predictNames(r, project.settings, project.index);
    for (const n of notesOf(r, p)) if (!range || (n.at.end >= range.start && n.at.start <= range.end)) out.push(n);
  }
  return out;
}

/** Whether nameNotes annotates `r`: without a name or a usable replica count any list of names would be a guess. */
function annotated(r: Resource): boolean {
  return r.kind === 'StatefulSet' && r.value !== undefined && !!r.name && ordinalRange(r.value).valid;
}

/**
 * The StatefulSets of `model` whose annotated values are not placed yet: each costs a tree parse when its
 * document holds none, so a server that annotates a whole file at once (code lenses) places them a few
 * at a time (placeNotes) before it answers.
 */
export function notesPending(model: FileModel): Resource[] {
  return model.resources.filter((r) => annotated(r) && !placedValues.has(r));
}

/** Places the values nameNotes annotates in `r` (one of notesPending). */
export function placeNotes(r: Resource): void {
  placedValues.of(r);
}

/** Where the annotated values of a StatefulSet are, relative to its document. */
interface AnnotatedValues {
  replicas?: Span;
  claims: { at: Span; name: string }[];
  serviceName?: Span;
}

// Where the values are depends on the document's text alone (see PerParse); what the notes say depends on the
// workspace too, and is worked out at each request. Scrolling through a file of a thousand StatefulSets, or
// code lenses over all of them, would otherwise hold every one of their trees.
const placedValues = new PerParse((r) => findValues(rootOnce(r)));

function findValues(root: YAMLMap | undefined): AnnotatedValues {
  const span = (path: (string | number)[]): Span | undefined => {
    const rg = nodeRange(getIn(root, path));
    return rg ? { start: rg[0], end: rg[1] } : undefined;
  };
  const claims: AnnotatedValues['claims'] = [];
  asSeq(getIn(root, ['spec', 'volumeClaimTemplates']))?.items.forEach((item) => {
    const claim = getIn(item, ['metadata', 'name']);
    const rg = nodeRange(claim);
    const name = claim && typeof (claim as { value?: unknown }).value === 'string' ? ((claim as { value: string }).value) : undefined;
    if (rg && name) claims.push({ at: { start: rg[0], end: rg[1] }, name });
  });
  return { replicas: span(['spec', 'replicas']), claims, serviceName: span(['spec', 'serviceName']) };
}

function notesOf(r: Resource, p: NamePrediction): NameNote[] {
  const out: NameNote[] = [];
  const values = placedValues.of(r);
  const base = r.doc.offset;
  const inFile = (s: Span): Span => ({ start: base + s.start, end: base + s.end });
  const count = p.replicas;
  const lastPod = podName(p.name, p.lastOrdinal);
  if (values.replicas) {
    out.push({
      at: inFile(values.replicas),
      what: 'replicas',
      label: count === 0 ? 'no pods' : range(p.pods[0], lastPod, count),
      tooltip: count === 0 ? 'replicas is 0: no pods exist.' : `Pods ${p.pods[0]} … ${lastPod} (${count}), created ${podOrderNote(r)}.`,
    });
  }
  for (const { at, name } of values.claims) {
    const first = pvcName(name, p.name, p.start);
    const last = pvcName(name, p.name, p.lastOrdinal);
    out.push({
      at: inFile(at),
      what: 'claim',
      label: count === 0 ? 'no PVCs' : range(first, last, count),
      tooltip: count === 0 ? 'replicas is 0: no PVCs are created.' : `PVCs ${first} … ${last} (${count}) in namespace ${p.namespace}, one per pod, kept when pods are deleted.`,
    });
  }
  if (values.serviceName && p.serviceName && p.podDNS.length) {
    const doubt = describeDoubt(p.dnsDoubt, p.serviceName);
    out.push({
      at: inFile(values.serviceName),
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
