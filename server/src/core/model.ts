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
export const KNOWN_KINDS = ['StatefulSet', 'Service', 'PersistentVolumeClaim', 'PersistentVolume', 'ConfigMap'] as const;

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
  const reuse = new Map<string, ParsedDoc[]>();
  for (const d of previous?.docs ?? []) {
    const list = reuse.get(d.text);
    if (list) list.push(d);
    else reuse.set(d.text, [d]);
  }
  const docs: ParsedDoc[] = [];
  const chunks = splitDocuments(text);
  for (const c of chunks) {
    const chunkText = text.slice(c.start, c.end);
    if (isBlankDocument(chunkText)) continue;
    if (docs.length >= limits.maxDocuments) {
      problems.push({
        uri, code: 'too-many-documents', severity: 'info', start: c.start, end: c.start,
        message: `More than ${limits.maxDocuments} documents: the rest of the file is not analysed.`,
      });
      break;
    }
    const old = reuse.get(chunkText)?.shift();
    docs.push(old ? { ...old, index: docs.length, offset: c.start } : parseOne(chunkText, docs.length, c.start, limits));
  }
  const resources: Resource[] = [];
  for (const doc of docs) {
    if (doc.templated) continue;
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

/** Namespace a resource lives in, after applying the default. */
export function namespaceOf(r: Resource, defaultNamespace: string): string {
  return r.namespace && r.namespace.trim() !== '' ? r.namespace : defaultNamespace;
}

/** File offset of a document-relative offset. */
export function abs(r: Resource | ParsedDoc, offset: number): number {
  return ('doc' in r ? r.doc.offset : r.offset) + offset;
}
