// Text -> YAML documents with offsets. Never throws: every problem becomes a ParseProblem.
//
// A file is cut at `---` / `...` lines (a column-0 marker always ends a document in YAML, even
// inside scalars), and each piece is parsed on its own. That keeps each document's parse cacheable
// by its text, so an edit in one document of a 1000-document file re-parses only that document.
import { Document, isAlias, isCollection, isMap, isPair, isScalar, isSeq, parseDocument, visit } from 'yaml';
import { fastParse, fastValue, type InFile, YAML_OPTIONS } from './fastyaml';
import { MAX_NODES, scanNesting } from './nesting';
import { refineSyntaxProblems } from './syntax-hints';
import type { Limits } from './types';

export interface ParseProblem {
  /** Stable code, e.g. `yaml-syntax`, `yaml-duplicate-key`, `yaml-alias-limit`. */
  code: string;
  message: string;
  /** Offsets relative to the document's own text. */
  start: number;
  end: number;
  severity: 'error' | 'warning';
}

export interface ParsedDoc {
  /** Position of this document in the file (0-based, counting only non-empty documents). */
  index: number;
  /** Offset of the document's text in the file. */
  offset: number;
  text: string;
  yaml: Document.Parsed;
  problems: ParseProblem[];
  /** Go/Helm template text: analysis is skipped, nothing is reported. */
  templated: boolean;
  /** The plain JS value, or undefined when it could not be built safely (see problems). */
  value: unknown;
}

/** The `yaml` path parses without the library's (quadratic) duplicate-key check: see duplicateKeys. */
export const SLOW_OPTIONS = { ...YAML_OPTIONS, uniqueKeys: false } as const;

const MARKER = /^(?:---|\.\.\.)(?=[ \t\r\n]|$)/;
const TEMPLATE_LINE = /^[ \t]*\{\{/m;

/** Cuts `text` into document chunks [start, end). The marker line starts a new chunk. */
export function splitDocuments(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let chunkStart = 0;
  let lineStart = 0;
  while (lineStart <= text.length) {
    if (lineStart > chunkStart && text.startsWith('---', lineStart) || text.startsWith('...', lineStart)) {
      if (MARKER.test(text.slice(lineStart, lineStart + 4))) {
        if (lineStart > chunkStart) out.push({ start: chunkStart, end: lineStart });
        chunkStart = lineStart;
        if (text.startsWith('...', lineStart)) {
          // `...` ends a document; what follows begins the next one.
          const nl = text.indexOf('\n', lineStart);
          const after = nl < 0 ? text.length : nl + 1;
          out.push({ start: chunkStart, end: after });
          chunkStart = after;
          lineStart = after;
          continue;
        }
      }
    }
    const nl = text.indexOf('\n', lineStart);
    if (nl < 0) break;
    lineStart = nl + 1;
  }
  if (chunkStart < text.length || out.length === 0) out.push({ start: chunkStart, end: text.length });
  return out;
}

/** True when a chunk holds nothing but comments, blank lines and markers. */
export function isBlankDocument(text: string): boolean {
  // Line by line without splitting: called for every chunk of every file version.
  let ls = 0;
  while (ls <= text.length) {
    let le = text.indexOf('\n', ls);
    if (le < 0) le = text.length;
    let p = ls;
    for (let c = text.charCodeAt(p); p < le && (c === 32 || c === 9 || c === 13 || c === 0xfeff); c = text.charCodeAt(++p));
    if (p < le && text.charCodeAt(p) !== 35 /* # */) {
      // A marker line is blank only when nothing but a comment follows it (`--- {a: 1}` is content).
      const t = text.slice(p, le).trim();
      if (!MARKER.test(t)) return false;
      const rest = t.slice(3).trim();
      if (rest !== '' && !rest.startsWith('#')) return false;
    }
    ls = le + 1;
  }
  return true;
}

/**
 * Parses one document's text. Offsets in the result are relative to `text`. `inFile`: where `text`
 * sits in its file's text, when it is a slice of it (the fast path then reads the file: see InFile).
 */
export function parseOne(text: string, index: number, offset: number, limits: Limits, inFile?: InFile): ParsedDoc {
  const problems: ParseProblem[] = [];
  // Most manifests are plain block YAML: the fast path builds the same nodes several times faster
  // (and declines everything else, including Helm templates, which it sees as flow mappings). It
  // needs no pre-scan: it bounds depth itself, far below the limit, and a document shorter than
  // MAX_NODES characters cannot hold more nodes than that.
  if (text.length <= MAX_NODES) {
    const fast = fastParse(text, fastDepth(limits), inFile);
    if (fast) return { index, offset, text, yaml: fast.yaml, problems, templated: false, value: fast.value };
  }
  // The yaml composer recurses once per nesting level: refuse absurd depth before it runs.
  const scan = scanNesting(text, limits.maxDepth);
  if (scan.deepAt >= 0 || scan.nodes > MAX_NODES) {
    problems.push(scan.deepAt >= 0 ? tooDeepProblem(limits, scan.deepAt, text.length) : {
      code: 'yaml-too-large', message: `More than ${MAX_NODES} YAML nodes in one document: this document is not analysed.`,
      start: 0, end: Math.min(1, text.length), severity: 'warning',
    });
    return { index, offset, text, yaml: parseDocument(''), problems, templated: false, value: undefined };
  }
  // A Go/Helm template (a line that starts with `{{`) is skipped, and its tree would go unread: not parsed.
  // Until rendered, such a document is seldom YAML, and its parse, with an error for each directive, cost
  // more than any other document of a workspace of charts.
  if (text.includes('{{') && TEMPLATE_LINE.test(text)) return { index, offset, text, yaml: parseDocument(''), problems: [], templated: true, value: undefined };
  let yaml: Document.Parsed;
  // The library reports each problem as a YAMLError, an Error, which captures a stack trace when made. A
  // broken document can have hundreds (one per unclosed bracket), and capturing their stacks took most of
  // its parse time. Nothing reads them: only code, position and message are kept.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    yaml = parseDocument(text, SLOW_OPTIONS);
  } catch (e) {
    // The yaml package is not supposed to throw here (it even catches its own stack overflows);
    // if it does, report instead of dying.
    yaml = parseDocument('');
    problems.push({ code: 'yaml-syntax', message: `YAML could not be parsed: ${firstLine(String((e as Error)?.message ?? e))}`, start: 0, end: Math.min(text.length, 1), severity: 'error' });
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
  if (yaml.errors.some((e) => e.code === 'RESOURCE_EXHAUSTION')) {
    // The parser ran out of stack: the pre-scan let through nesting it under-estimated. Where that
    // happens depends on how deep the caller's stack already was, so report one finding at the
    // document's start (the same for every caller) and nothing else from this parse.
    return { index, offset, text, yaml: parseDocument(''), problems: [tooDeepProblem(limits, 0, text.length)], templated: false, value: undefined };
  }
  const seen = new Set<string>();
  const add = (p: ParseProblem) => {
    // One bad token often yields several errors at the same spot; and a broken file can yield
    // thousands. Keep the first of each position and a bounded number overall.
    const key = `${p.code}:${p.start}`;
    if (seen.has(key) || seen.size >= MAX_PROBLEMS) return;
    seen.add(key);
    problems.push(p);
  };
  const errors: { code: string; pos: [number, number]; message: string }[] = [...yaml.errors, ...duplicateKeys(yaml.contents)];
  if (errors.length > yaml.errors.length) errors.sort((a, b) => a.pos[0] - b.pos[0]);
  for (const err of errors) {
    const [s, e] = err.pos;
    const dup = err.code === 'DUPLICATE_KEY';
    add({
      code: dup ? 'yaml-duplicate-key' : 'yaml-syntax',
      message: dup ? 'Duplicate key: the API server rejects a manifest that repeats a field.' : firstLine(err.message),
      start: clamp(s, text.length),
      end: clamp(Math.max(e, s + 1), text.length),
      severity: 'error',
    });
  }
  for (const w of yaml.warnings) {
    const [s, e] = w.pos;
    add({ code: 'yaml-syntax', message: firstLine(w.message), start: clamp(s, text.length), end: clamp(Math.max(e, s + 1), text.length), severity: 'warning' });
  }
  problems.splice(0, problems.length, ...refineSyntaxProblems(text, problems));
  if (problems.some((p) => p.code === 'yaml-too-deep')) return { index, offset, text, yaml, problems, templated: false, value: undefined };
  // Directives inside lines (`image: {{ .Values.image }}`) that break the YAML (template lines returned above).
  const templated = text.includes('{{') && errors.length > 0;
  let value: unknown;
  // The full walk (alias count, exact depth, collection keys) is only needed when the text may hold an
  // alias or a collection key (flow or `?` syntax), or the cheap estimate (which may under-count block
  // depth by half) comes near the limit.
  const walk = /[*[{?]/.test(text) || scan.depth * 2 + 2 > limits.maxDepth;
  if (!templated) value = walk ? toValue(yaml, text, limits, problems) : buildValue(yaml, text, 0, limits, problems);
  return { index, offset, text, yaml, problems: templated ? [] : problems, templated, value };
}

/** The fast path's nesting bound: far below the limit, so it never has to report depth itself. */
function fastDepth(limits: Limits): number {
  return limits.maxDepth >> 2;
}

/**
 * The value parseOne would give `text` when its fast path takes it (with no problems, not templated),
 * computed without the tree; undefined when parseOne would take the `yaml` path. For documents whose
 * tree may never be needed (see compact.ts).
 */
export function parseValueOnly(text: string, limits: Limits, inFile?: InFile): { value: unknown } | undefined {
  return text.length <= MAX_NODES ? fastValue(text, fastDepth(limits), inFile) : undefined;
}

/**
 * The library's duplicate-key check compares each key with every earlier key of its mapping, which
 * is quadratic (3 s for one 20,000-key mapping, and a document cannot yield mid-parse). Documents are
 * parsed without it and checked here with one Set per mapping, with the library's notion of equal
 * keys: scalars with the same value (not NaN; merge keys are never equal).
 */
export function duplicateKeys(root: unknown): { code: string; pos: [number, number]; message: string }[] {
  const out: { code: string; pos: [number, number]; message: string }[] = [];
  const stack: unknown[] = [root];
  while (stack.length) {
    const n = stack.pop();
    if (isMap(n)) {
      const seen = new Set<unknown>();
      for (const p of n.items) {
        const k = p.key;
        if (isScalar(k)) {
          const v = k.value;
          const comparable = v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && !Number.isNaN(v));
          if (comparable) {
            if (seen.has(v) && k.range) out.push({ code: 'DUPLICATE_KEY', pos: [k.range[0], k.range[0] + 1], message: 'Map keys must be unique' });
            seen.add(v);
          }
        } else if (isCollection(k)) stack.push(k);
        if (isCollection(p.value)) stack.push(p.value);
      }
    } else if (isSeq(n)) {
      for (const it of n.items) if (isCollection(it)) stack.push(it);
    }
  }
  return out;
}

function toValue(yaml: Document.Parsed, text: string, limits: Limits, problems: ParseProblem[]): unknown {
  let aliases = 0;
  let tooDeep: [number, number] | undefined;
  let badAlias: [number, number] | undefined;
  let collectionKey: [number, number] | undefined;
  const depthOf = new Map<unknown, number>();
  // The anchors met so far: an alias names the last anchor of its name before it. (Alias.resolve finds it by
  // walking the whole document, once per alias.)
  const anchors = new Map<string, unknown>();
  visit(yaml, (_key, node, path) => {
    if ((isScalar(node) || isCollection(node)) && node.anchor) anchors.set(node.anchor, node);
    if (isPair(node) && !collectionKey) {
      const k = isAlias(node.key) ? anchors.get(node.key.source) : node.key;
      if (isCollection(k)) {
        const r = (node.key as { range?: [number, number, number] } | null)?.range;
        collectionKey = r ? [r[0], r[1]] : [0, 1];
      }
    }
    if (isAlias(node)) {
      aliases++;
      if (!anchors.has(node.source) && !badAlias) badAlias = node.range ? [node.range[0], node.range[1]] : [0, 1];
    }
    if (isCollection(node)) {
      let d = 0;
      for (let i = path.length - 1; i >= 0; i--) {
        const known = depthOf.get(path[i]);
        if (known !== undefined) {
          d = known + 1;
          break;
        }
      }
      depthOf.set(node, d);
      if (d > limits.maxDepth && !tooDeep) {
        tooDeep = node.range ? [node.range[0], node.range[1]] : [0, 1];
        return visit.BREAK;
      }
    }
    return undefined;
  });
  if (tooDeep) {
    problems.push(tooDeepProblem(limits, tooDeep[0], text.length));
    return undefined;
  }
  if (badAlias) {
    problems.push({ code: 'yaml-syntax', message: 'Unresolved alias: no anchor with this name precedes it.', start: clamp(badAlias[0], text.length), end: clamp(badAlias[1], text.length), severity: 'error' });
    return undefined;
  }
  if (collectionKey && !yaml.errors.some((e) => e.code !== 'DUPLICATE_KEY')) {
    // Kubernetes reads a manifest as JSON, whose keys are strings. (In a document with syntax errors
    // such keys are mostly the parser's recovery; the syntax error says what is wrong.)
    problems.push({
      code: 'yaml-syntax', severity: 'error', start: clamp(collectionKey[0], text.length), end: clamp(Math.max(collectionKey[1], collectionKey[0] + 1), text.length),
      message: 'A mapping key that is itself a list or mapping: Kubernetes reads manifests as JSON, whose keys are strings, so the API server rejects this document.',
    });
  }
  return buildValue(yaml, text, aliases, limits, problems, !!collectionKey);
}

/**
 * toJS with maps kept as Map, then turned into plain objects with every collection key replaced by one
 * placeholder: toJS itself would stringify such keys level by level, which is quadratic in their nesting.
 */
function plainWithCollectionKeys(v: unknown, memo = new Map<object, unknown>()): unknown {
  if (typeof v !== 'object' || v === null || !(Array.isArray(v) || v instanceof Map)) return v;
  // Aliases make toJS share objects: convert each once, so the work stays linear in what toJS built.
  if (memo.has(v)) return memo.get(v);
  if (Array.isArray(v)) {
    const arr: unknown[] = [];
    memo.set(v, arr);
    for (const x of v) arr.push(plainWithCollectionKeys(x, memo));
    return arr;
  }
  const out: Record<string, unknown> = {};
  memo.set(v, out);
  for (const [k, x] of v) {
    const key = k === null || k === undefined ? '' : typeof k === 'object' ? '[collection key]' : String(k);
    Object.defineProperty(out, key, { value: plainWithCollectionKeys(x, memo), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function buildValue(yaml: Document.Parsed, text: string, aliases: number, limits: Limits, problems: ParseProblem[], collectionKeys = false): unknown {
  try {
    // toJS recurses too; a RangeError (stack) lands in the catch below like any other failure.
    const maxAliasCount = aliases > 0 ? limits.maxAliasCount : -1;
    if (collectionKeys) return plainWithCollectionKeys(yaml.toJS({ maxAliasCount, mapAsMap: true }));
    return yaml.toJS({ maxAliasCount });
  } catch (e) {
    const msg = (e as Error).message ?? String(e);
    if (/alias/i.test(msg)) {
      problems.push({ code: 'yaml-alias-limit', message: `Aliases expand to too many nodes (limit ${limits.maxAliasCount}): this document is not analysed.`, start: 0, end: Math.min(text.length, 1), severity: 'error' });
    } else {
      problems.push({ code: 'yaml-syntax', message: `YAML value could not be built: ${firstLine(msg)}`, start: 0, end: Math.min(text.length, 1), severity: 'error' });
    }
    return undefined;
  }
}

/** Upper bound on YAML problems reported per document. */
const MAX_PROBLEMS = 50;

function tooDeepProblem(limits: Limits, at: number, len: number): ParseProblem {
  const s = clamp(at, len);
  return { code: 'yaml-too-deep', message: `Nesting deeper than ${limits.maxDepth} levels: this document is not analysed.`, start: s, end: Math.min(s + 1, len), severity: 'error' };
}

function firstLine(s: string): string {
  const line = s.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  return line.length > 300 ? line.slice(0, 300) + '…' : line;
}

function clamp(n: number, len: number): number {
  return Math.max(0, Math.min(Number.isFinite(n) ? n : 0, len));
}

export { isPair, isScalar };
