// Text -> FileModel: the parsed documents of one file and the Kubernetes resources they declare.
// Documents whose text did not change since the previous model are reused, not re-parsed.
import type { YAMLMap } from 'yaml';
import { isBlankDocument, parseOne, splitDocuments, type ParsedDoc } from './parse';
import { asMap, stringAt } from './nodes';
import { LineIndex } from './text';
import type { Finding, Limits } from './types';

/** One `---` document that is a mapping, seen as a Kubernetes object. */
export interface Resource {
  uri: string;
  doc: ParsedDoc;
  /** The document's root mapping (offsets relative to doc.text). */
  root: YAMLMap | undefined;
  /** Plain value of the document when it is a mapping. */
  value: Record<string, any> | undefined;
  apiVersion?: string;
  kind?: string;
  name?: string;
  /** metadata.namespace as written (undefined when omitted). */
  namespace?: string;
}

export interface FileModel {
  uri: string;
  text: string;
  lines: LineIndex;
  docs: ParsedDoc[];
  resources: Resource[];
  /** File-level problems (too large, too many documents), already in file offsets. */
  problems: Finding[];
}

/** The kinds this engine validates; everything else (CRDs, Deployments...) is indexed but left alone. */
export const KNOWN_KINDS = ['StatefulSet', 'Service', 'PersistentVolumeClaim', 'PersistentVolume', 'ConfigMap', 'Pod'] as const;

export function buildFileModel(uri: string, text: string, limits: Limits, previous?: FileModel): FileModel {
  const lines = new LineIndex(text);
  const problems: Finding[] = [];
  if (text.length > limits.maxFileBytes) {
    problems.push({
      uri, code: 'file-too-large', severity: 'info', start: 0, end: 0,
      message: `File is larger than ${Math.round(limits.maxFileBytes / 1024 / 1024)} MB: StatefulSet checks are skipped (setting statefulset.maxFileSize).`,
    });
    return { uri, text, lines, docs: [], resources: [], problems };
  }
  if (text.includes('\u0000')) {
    problems.push({ uri, code: 'file-binary', severity: 'info', start: 0, end: 0, message: 'File contains NUL bytes and looks binary: StatefulSet checks are skipped.' });
    return { uri, text, lines, docs: [], resources: [], problems };
  }
  // Reuse: an edit usually leaves every document but one unchanged, in the same order. Compare in
  // place against the previous document at the same position (slice + ===: V8 slices are O(1) and compare
  // natively, several times faster than startsWith with a position); fall back to a
  // text-keyed map only when documents were inserted, removed or reordered.
  const prevDocs = previous?.docs ?? [];
  const prevResources = new Map<ParsedDoc, Resource>();
  for (const r of previous?.resources ?? []) prevResources.set(r.doc, r);
  let reuse: Map<string, ParsedDoc[]> | undefined;
  const used = new Set<ParsedDoc>();
  const findOld = (c: { start: number; end: number }, i: number): ParsedDoc | undefined => {
    const same = prevDocs[i];
    if (same && !used.has(same) && same.text.length === c.end - c.start && text.slice(c.start, c.end) === same.text) return same;
    if (!reuse) {
      reuse = new Map();
      for (const d of prevDocs) {
        const list = reuse.get(d.text);
        if (list) list.push(d);
        else reuse.set(d.text, [d]);
      }
    }
    const list = reuse.get(text.slice(c.start, c.end));
    while (list?.length) {
      const d = list.shift()!;
      if (!used.has(d)) return d;
    }
    return undefined;
  };
  const docs: ParsedDoc[] = [];
  const resources: Resource[] = [];
  const chunks = splitDocuments(text);
  for (const c of chunks) {
    const old = findOld(c, docs.length);
    // On an edit, a re-parsed document gets its own copy of its text: a slice would keep the whole
    // file text of this version alive for as long as the document is reused.
    const chunkText = old ? old.text : previous ? copyOf(text.slice(c.start, c.end)) : text.slice(c.start, c.end);
    if (!old && isBlankDocument(chunkText)) continue;
    if (docs.length >= limits.maxDocuments) {
      problems.push({
        uri, code: 'too-many-documents', severity: 'info', start: c.start, end: c.start,
        message: `More than ${limits.maxDocuments} documents: the rest of the file is not analysed.`,
      });
      break;
    }
    if (old) used.add(old);
    // An unmoved document keeps its object (and its resource below): less garbage per keystroke.
    const doc = !old ? parseOne(chunkText, docs.length, c.start, limits)
      : old.index === docs.length && old.offset === c.start ? old : { ...old, index: docs.length, offset: c.start };
    docs.push(doc);
    if (doc.templated) continue;
    const was = old && prevResources.get(old);
    if (was) {
      // Same text, same tree: only the document (offset, index) changes.
      resources.push(was.doc === doc && was.uri === uri ? was : { ...was, uri, doc });
      continue;
    }
    const root = asMap(doc.yaml.contents);
    if (!root) continue;
    const value = doc.value && typeof doc.value === 'object' && !Array.isArray(doc.value) ? (doc.value as Record<string, any>) : undefined;
    resources.push({
      uri, doc, root, value,
      apiVersion: stringAt(root, ['apiVersion']),
      kind: stringAt(root, ['kind']),
      name: stringAt(root, ['metadata', 'name']),
      namespace: stringAt(root, ['metadata', 'namespace']),
    });
  }
  return { uri, text, lines, docs, resources, problems };
}

/** A flat copy of `s` that does not reference the string it was sliced from (V8 flattens the concatenation). */
function copyOf(s: string): string {
  return s.length < 16 ? s : (' ' + s).slice(1);
}

/** Namespace a resource lives in, after applying the default. */
export function namespaceOf(r: Resource, defaultNamespace: string): string {
  return r.namespace && r.namespace.trim() !== '' ? r.namespace : defaultNamespace;
}

/** File offset of a document-relative offset. */
export function abs(r: Resource | ParsedDoc, offset: number): number {
  return ('doc' in r ? r.doc.offset : r.offset) + offset;
}
