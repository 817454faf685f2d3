// Text -> FileModel: the parsed documents of one file and the Kubernetes resources they declare.
// Documents whose text did not change since the previous model are reused, not re-parsed.
// The work is stepwise (one parsed document per step) so the language server can interleave it with
// other requests and drop it when the text changes; buildFileModel runs all steps at once.
import type { YAMLMap } from 'yaml';
import { isCompact, movedDoc, movedResource, parseKey, valueOnlyDoc, valueOnlyResource } from './compact';
import { isBlankDocument, parseOne, splitDocuments, type ParsedDoc } from './parse';
import { MAX_NODES, scanNesting } from './nesting';
import { asMap, stringAt } from './nodes';
import { drain, type Steps } from './steps';
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

/**
 * Parsed documents that may be reused: a previous model of the file, or what an abandoned run got
 * through (so typing in a huge file makes progress instead of restarting from scratch each time).
 */
export type ReusableDocs = Pick<FileModel, 'docs' | 'resources'>;

/**
 * The documents an abandoned run got through, followed by the previous model's documents it had not
 * reached: the best guess at what the next run can reuse. A parse appears at most once, so two
 * documents of one model never share a tree.
 */
export function mergeReusable(done: ReusableDocs, previous: ReusableDocs | undefined): ReusableDocs {
  if (!previous) return { docs: [...done.docs], resources: [...done.resources] };
  // By parse (parseKey): a compact document's key does not make it parse its tree.
  const parses = new Set(done.docs.map(parseKey));
  // Usually the run reused the previous documents before its stopping point: the rest keep their positions.
  const rest = previous.docs.filter((d) => !parses.has(parseKey(d)));
  const kept = new Set(rest);
  return { docs: [...done.docs, ...rest], resources: [...done.resources, ...previous.resources.filter((r) => kept.has(r.doc))] };
}

export interface BuildOptions {
  /**
   * Parse new documents for their values only where the fast parser takes them; their trees are
   * parsed when first asked for (compact.ts). For files whose trees will seldom be read: a batch
   * check reads a tree only to report a finding in it.
   */
  treesOnDemand?: boolean;
}

export function buildFileModel(uri: string, text: string, limits: Limits, previous?: ReusableDocs, options?: BuildOptions): FileModel {
  return drain(buildFileModelSteps(uri, text, limits, previous, options));
}

/**
 * The same work as buildFileModel, one parsed document per step. Each yield hands out the documents
 * and resources built so far (live arrays, in file order), which an abandoned run can pass on as
 * `previous` of the next one.
 */
export function* buildFileModelSteps(uri: string, text: string, limits: Limits, previous?: ReusableDocs, options: BuildOptions = {}): Steps<FileModel, ReusableDocs> {
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
  const progress: ReusableDocs = { docs, resources };
  const chunks = splitDocuments(text);
  yield progress;
  let parsed = false;
  for (const c of chunks) {
    // A step ends after each parsed document, once its resource is in place.
    if (parsed) {
      parsed = false;
      yield progress;
    }
    if (c.end - c.start > limits.maxDocumentBytes && !refusedByParse(text.slice(c.start, c.end), limits)) {
      // The yaml parser cannot be interrupted inside a document, and one this large would hold the
      // editor for a second or more; Kubernetes refuses such an object anyway.
      if (!isBlankDocument(text.slice(c.start, c.end))) problems.push(documentTooLarge(uri, text, c, limits));
      continue;
    }
    const old = prevDocs.length ? findOld(c, docs.length) : undefined;
    // On an edit, a re-parsed document gets its own copy of its text: a slice would keep the whole
    // file text of this version alive for as long as the document is reused.
    const chunkText = old ? old.text : previous ? copyOf(text.slice(c.start, c.end)) : text.slice(c.start, c.end);
    // A slice is parsed in the file's text (see InFile); a copy is flat already.
    const inFile = old || previous ? undefined : { file: text, offset: c.start };
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
    const doc = old ? (old.index === docs.length && old.offset === c.start ? old : movedDoc(old, docs.length, c.start))
      : (options.treesOnDemand && valueOnlyDoc(chunkText, docs.length, c.start, limits, inFile)) || parseOne(chunkText, docs.length, c.start, limits, inFile);
    docs.push(doc);
    parsed = !old;
    if (doc.templated) continue;
    if (!old && isCompact(doc)) {
      const r = valueOnlyResource(uri, doc);
      if (r) resources.push(r);
      continue;
    }
    const was = old && prevResources.get(old);
    if (was) {
      // Same text, same tree: only the document (offset, index) changes.
      resources.push(was.doc === doc && was.uri === uri ? was : movedResource(was, doc, uri));
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

/** parseOne refuses too deep or too many nodes before parsing (quickly, and more precisely than "too large"). */
function refusedByParse(chunk: string, limits: Limits): boolean {
  const scan = scanNesting(chunk, limits.maxDepth);
  return scan.deepAt >= 0 || scan.nodes > MAX_NODES;
}

function documentTooLarge(uri: string, text: string, c: { start: number; end: number }, limits: Limits): Finding {
  const nl = text.indexOf('\n', c.start);
  const end = nl < 0 || nl > c.end ? c.end : nl;
  const mib = Math.round((limits.maxDocumentBytes / 1024 / 1024) * 10) / 10;
  return {
    uri, code: 'yaml-too-large', severity: 'info', start: c.start, end: Math.min(end, c.start + 200),
    message: `Document is larger than ${mib} MiB: it is not analysed (the Kubernetes API server refuses requests over 3 MiB).`,
  };
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
