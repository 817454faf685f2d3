// Documents that keep their plain value and parse their syntax tree only when something asks for it:
// checking thousands of files at once then holds values, not trees.
//
// Rules read values and touch a tree only to point at a mistake. So a batch check (the CLI,
// Project.checkAll) and the server's index of unopened files parse documents for their values alone
// (valueOnlyDoc, where the fast parser takes them) and compact the few parsed with their trees; a
// tree is parsed when a finding, a definition or a reference points into its document.
import type { Document, YAMLMap } from 'yaml';
import type { FileModel, Resource } from './model';
import { isObj } from './names';
import { asMap } from './nodes';
import type { InFile } from './fastyaml';
import { parseOne, parseValueOnly, type ParsedDoc } from './parse';
import type { Limits } from './types';

/**
 * The same file without its trees. Positions, values, problems and resource identities are unchanged.
 * Trees parsed on demand for compact documents stay, unless `dropParsed` (a file nobody has open any
 * more). A model with nothing to compact is returned as is.
 */
export function compactModel(model: FileModel, limits: Limits, dropParsed = false): FileModel {
  const done = (d: ParsedDoc) => d instanceof CompactDoc && !(dropParsed && d.hasTree);
  if (model.docs.every(done) && model.resources.every((r) => r instanceof CompactResource && done(r.doc))) return model;
  const docs = new Map<ParsedDoc, ParsedDoc>();
  for (const d of model.docs) docs.set(d, done(d) ? d : compactDoc(d, limits));
  const resources = model.resources.map((r) => compactResource(r, docs.get(r.doc) ?? compactDoc(r.doc, limits)));
  return { ...model, docs: [...docs.values()], resources };
}

/**
 * A document whose tree is re-parsed from its text on first use (parsing is deterministic: same
 * nodes, same ranges). A class: the getter is shared, not a closure per document. The tree sits in a
 * holder that the document's copies at other places in the file share (at()): ranges are relative to
 * the document's text, so a move keeps the tree, parsed or not, and caches keyed by the holder.
 */
class CompactDoc implements ParsedDoc {
  constructor(
    readonly index: number,
    readonly offset: number,
    readonly text: string,
    readonly problems: ParsedDoc['problems'],
    readonly templated: boolean,
    readonly value: unknown,
    private readonly limits: Limits,
    /** The parse, shared with this document's moved copies (see parseKey). */
    readonly parse: { tree?: Document.Parsed } = {},
  ) {}

  /** Whether the tree has been parsed (again). */
  get hasTree(): boolean {
    return this.parse.tree !== undefined;
  }

  get yaml(): Document.Parsed {
    return (this.parse.tree ??= parseOne(this.text, this.index, this.offset, this.limits).yaml);
  }

  /** The tree, without keeping a parse made for this call. */
  treeOnce(): Document.Parsed {
    return this.parse.tree ?? parseOne(this.text, this.index, this.offset, this.limits).yaml;
  }

  /** The same document at another place in its file. */
  at(index: number, offset: number): CompactDoc {
    return new CompactDoc(index, offset, this.text, this.problems, this.templated, this.value, this.limits, this.parse);
  }
}

class CompactResource implements Resource {
  private map: YAMLMap | undefined | null = null;

  constructor(
    readonly uri: string,
    readonly doc: ParsedDoc,
    readonly value: Record<string, any> | undefined,
    readonly apiVersion: string | undefined,
    readonly kind: string | undefined,
    readonly name: string | undefined,
    readonly namespace: string | undefined,
  ) {}

  get root(): YAMLMap | undefined {
    if (this.map === null) this.map = asMap(this.doc.yaml.contents);
    return this.map;
  }
}

/**
 * The root mapping of a resource's document for one look (a workspace-wide answer that touches many
 * documents once): a compact document's tree, when it has none yet, is parsed for this call and not kept.
 */
export function rootOnce(r: Resource): YAMLMap | undefined {
  return r.doc instanceof CompactDoc && !r.doc.hasTree ? asMap(r.doc.treeOnce().contents) : r.root;
}

/**
 * An object standing for a document's parse, for caches keyed by it: the tree itself, or the
 * compact document (whose tree would otherwise be re-parsed just to serve as a key).
 */
export function parseKey(doc: ParsedDoc): object {
  return doc instanceof CompactDoc ? doc.parse : doc.yaml;
}

/**
 * What a feature reads from a document's tree (with rootOnce), kept per parse (parseKey) instead of the
 * tree, with offsets relative to the document: an unchanged document keeps it across edits, wherever it
 * moves, and its tree is not held for it. Editors ask for outlines, inlay hints and names over many
 * documents again and again; holding their trees for that would hold a large file's every tree.
 */
export class PerParse<T> {
  private readonly made = new WeakMap<object, T>();

  constructor(private readonly read: (r: Resource) => T) {}

  /** What `read` gives for the document of `r`, read once per parse. */
  of(r: Resource): T {
    const key = parseKey(r.doc);
    let v = this.made.get(key);
    if (v === undefined) this.made.set(key, (v = this.read(r)));
    return v;
  }

  /** Whether it has been read for the document of `r` (if not, of() may parse a tree). */
  has(r: Resource): boolean {
    return this.made.has(parseKey(r.doc));
  }
}

/**
 * `d` at another place in its file (an edit above it added or removed text): the same parse, tree and
 * value. A compact document stays compact: moving it parses nothing.
 */
export function movedDoc(d: ParsedDoc, index: number, offset: number): ParsedDoc {
  if (d instanceof CompactDoc) return d.at(index, offset);
  // Field by field (not a spread): the same tree, at the new place.
  return { index, offset, text: d.text, yaml: d.yaml, problems: d.problems, templated: d.templated, value: d.value };
}

/** The resource `was` of a document, for its moved copy `doc` (movedDoc) in the file `uri`. */
export function movedResource(was: Resource, doc: ParsedDoc, uri: string): Resource {
  if (doc instanceof CompactDoc) return new CompactResource(uri, doc, was.value, was.apiVersion, was.kind, was.name, was.namespace);
  return { uri, doc, root: asMap(doc.yaml.contents), value: was.value, apiVersion: was.apiVersion, kind: was.kind, name: was.name, namespace: was.namespace };
}

/**
 * A document parsed for its value only, its tree parsed on first use: for documents that may never
 * need one (a batch check, unopened workspace files). Undefined when the document is not in the fast
 * parser's subset (the caller then parses it with parseOne).
 */
export function valueOnlyDoc(text: string, index: number, offset: number, limits: Limits, inFile?: InFile): ParsedDoc | undefined {
  const parsed = parseValueOnly(text, limits, inFile);
  return parsed && new CompactDoc(index, offset, text, NO_PROBLEMS, false, parsed.value, limits);
}

/** The problems of every value-only document (the fast parser takes no document with one): one frozen list for all. */
const NO_PROBLEMS = Object.freeze([]) as unknown as ParsedDoc['problems'];

/** Whether `doc`'s tree is parsed on demand (compacted, or parsed for its value only). */
export function isCompact(doc: ParsedDoc): boolean {
  return doc instanceof CompactDoc;
}

/** Whether `doc` holds its tree now (always, unless it is compact and nothing has asked for it yet). */
export function holdsTree(doc: ParsedDoc): boolean {
  return !(doc instanceof CompactDoc) || doc.hasTree;
}

/**
 * The resource a value-only document declares, read from its value as model.ts reads it from the
 * tree; undefined when the document is not a mapping. In the fast parser's subset the root is a
 * mapping exactly when the value is a plain object, and keys are strings.
 */
export function valueOnlyResource(uri: string, doc: ParsedDoc): Resource | undefined {
  const v = doc.value;
  if (!isObj(v)) return undefined;
  const meta = isObj(v.metadata) ? v.metadata : undefined;
  return new CompactResource(uri, doc, v, str(v.apiVersion), str(v.kind), str(meta?.name), str(meta?.namespace));
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** A document without its tree (re-parsed on first use); a compact one that holds a parsed tree drops it. */
function compactDoc(d: ParsedDoc, limits: Limits): ParsedDoc {
  if (!holdsTree(d)) return d;
  return new CompactDoc(d.index, d.offset, d.text, d.problems, d.templated, d.value, limits);
}

/** A resource of a compacted document `doc` (its root is looked up in the re-parsed tree on first use). */
function compactResource(r: Resource, doc: ParsedDoc): Resource {
  if (r instanceof CompactResource && r.doc === doc) return r;
  return new CompactResource(r.uri, doc, r.value, r.apiVersion, r.kind, r.name, r.namespace);
}

