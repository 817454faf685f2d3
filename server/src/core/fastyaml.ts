// A fast path for the plain block-style YAML that nearly every manifest is written in.
//
// The `yaml` library lexes, builds a concrete syntax tree and composes it, which costs ~300 µs for a
// 30-line manifest; most of that is generality (flow collections, anchors, tags, multi-line scalars).
// This parser handles block maps and sequences of one-line scalars, one-line flow collections of
// scalars and block scalars, and builds the very nodes `yaml` would build (same classes, values,
// ranges, scalar styles; the plain value alongside). On anything
// outside that subset, or anything it is unsure `yaml` would accept without a warning, it gives up
// and the caller parses with `yaml`. Agreement is checked node by node against `yaml` on the
// corpus, the fixtures and fuzzed input (test/unit/fastyaml.test.ts, test/fuzz).
import { Document, isDocument, isMap, isPair, isScalar, isSeq, Pair, Scalar, YAMLMap, YAMLSeq, type Schema } from 'yaml';

/** The options every document is parsed with (shared with the `yaml` path, so both agree). */
export const YAML_OPTIONS = {
  prettyErrors: false,
  keepSourceTokens: false,
  strict: true,
  uniqueKeys: true,
  // Kubernetes' YAML decoder honours `<<: *anchor`, so the plain value must too.
  merge: true,
  // The library's process warnings (e.g. collection keys) would land on the server's stderr.
  logLevel: 'error',
} as const;

export interface FastParse {
  yaml: Document.Parsed;
  value: unknown;
}

type Node = YAMLMap | YAMLSeq | Scalar;

/** Thrown inside the parser to give up; caught at the top. */
const GIVE_UP = new Error('outside the fast subset');

/**
 * Characters the fast path never handles: tabs, control characters, a carriage return that is not part of a
 * CRLF line break, BOMs, line separators and surrogates (the library has rules for all of them). A CRLF line
 * (Windows) is read as its LF twin: its content ends before the `\r`, its range after the `\n`, as the library
 * has them; so wherever the parser looks for a line's end, `\r` counts as one.
 */
const REFUSE = /[\0-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff]|\r(?!\n)/;

/** A line break starts at `c`: `\n`, or the `\r` of a CRLF (REFUSE lets no other `\r` through). */
function isBreak(c: number): boolean {
  return c === 10 || c === 13;
}

/**
 * Where a document's text sits in the text of its file: `file.slice(offset, offset + text.length)` is
 * the document. Given to the parsers, they read the characters from the file: a loop over a slice of
 * a string is ~15% slower in V8 than over the string itself. Positions and ranges stay relative to
 * the document. Ignored unless the document ends the file or ends with a newline (the parser may
 * look one character past the document's last line break, never further).
 */
export interface InFile {
  file: string;
  offset: number;
}

/** Parses `text` when it is in the fast subset; undefined means "use the `yaml` library". */
export function fastParse(text: string, maxDepth: number, inFile?: InFile): FastParse | undefined {
  const p = run(text, maxDepth, true, inFile);
  return p && { yaml: p.tree!, value: p.value };
}

/**
 * The plain value fastParse would build, without the tree: for documents whose tree may never be
 * needed (see compact.ts). Accepts exactly the documents fastParse accepts.
 */
export function fastValue(text: string, maxDepth: number, inFile?: InFile): { value: unknown } | undefined {
  return run(text, maxDepth, false, inFile);
}

function run(text: string, maxDepth: number, build: boolean, inFile: InFile | undefined): { value: unknown; tree: Document.Parsed | undefined } | undefined {
  if (text.length === 0 || REFUSE.test(text)) return undefined;
  let source = text;
  let base = 0;
  if (inFile) {
    const end = inFile.offset + text.length;
    if (end === inFile.file.length || (end < inFile.file.length && text.charCodeAt(text.length - 1) === 10)) {
      source = inFile.file;
      base = inFile.offset;
    }
  }
  try {
    const parser = new Parser(source, base, base + text.length, maxDepth, build);
    const value = parser.document();
    return { value, tree: parser.tree };
  } catch (e) {
    if (e === GIVE_UP) return undefined;
    throw e;
  }
}

/**
 * Node factories. The library's constructors tag every node with Object.defineProperty, which is
 * most of the cost of building a tree; here the tag (and a collection's schema) sit on a shared
 * prototype instead. Reads see the same tag, so isScalar/isMap/..., instanceof and the nodes'
 * methods behave alike. Checked once: if a library update tags nodes differently, the plain
 * constructors are used.
 */
class Factory {
  /** Documents share one schema, options and directives object (two: with and without `---`). */
  private docProtos: [object, object] | undefined;
  private scalarProto: object | undefined;
  private pairProto: object | undefined;
  private mapProto: object | undefined;
  private seqProto: object | undefined;

  constructor(private readonly template: Document.Parsed) {
    const schema = template.schema;
    this.schema = schema;
    const protoOf = (n: object, extra: PropertyDescriptorMap = {}): object | undefined => {
      const syms = Object.getOwnPropertySymbols(n);
      if (syms.length !== 1) return undefined;
      return Object.create(Object.getPrototypeOf(n), { [syms[0]]: { value: (n as Record<symbol, unknown>)[syms[0]] }, ...extra }) as object;
    };
    const schemaProp = { schema: { value: schema, configurable: true, enumerable: false, writable: true } };
    this.scalarProto = protoOf(new Scalar(null));
    this.pairProto = protoOf(new Pair(null));
    this.mapProto = protoOf(new YAMLMap(schema), schemaProp);
    this.seqProto = protoOf(new YAMLSeq(schema), schemaProp);
    const docProto = (docStart: boolean) => {
      const directives = template.directives.atDocument();
      directives.docStart = docStart || null;
      const shared = { schema: { value: schema, writable: true }, options: { value: template.options, writable: true }, directives: { value: directives, writable: true } };
      return protoOf(template, shared);
    };
    const d0 = docProto(false);
    const d1 = docProto(true);
    this.docProtos = d0 && d1 ? [d0, d1] : undefined;
    const s = this.scalar(1);
    const m = this.map();
    const q = this.seq();
    const ok = isScalar(s) && s instanceof Scalar && isPair(this.pair(s, s)) && isMap(m) && m instanceof YAMLMap && m.schema === schema
      && isSeq(q) && q instanceof YAMLSeq && !isMap(q) && !isScalar(m) && Object.keys(s).join() === 'value' && Object.keys(m).join() === 'items';
    const d = this.document(true);
    const docOk = isDocument(d) && d instanceof Document && d.schema === schema && d.directives.docStart === true && !this.document(false).directives.docStart;
    if (!ok) this.scalarProto = this.pairProto = this.mapProto = this.seqProto = undefined;
    if (!docOk) this.docProtos = undefined;
    const tagged = schema as unknown as { tags: ScalarTag[]; compat?: unknown; [k: symbol]: unknown };
    this.tags = tagged.tags.filter((t) => t.default === true && t.test);
    // One test for "some tag other than string matches" (most scalars match none).
    this.notString = this.tags.every((t) => t.test!.flags === '') ? new RegExp(this.tags.map((t) => `(?:${t.test!.source})`).join('|')) : undefined;
    const scalarKey = Object.getOwnPropertySymbols(tagged).find((k) => k.description === 'yaml.scalar');
    // A compat schema would add warnings this parser does not reproduce.
    const strTag = scalarKey && !tagged.compat ? (tagged[scalarKey] as ScalarTag) : undefined;
    // The parser takes a plain string's value to be its source without calling the tag (checked here).
    this.strTag = strTag && strTag.resolve('a: b', () => undefined, YAML_OPTIONS) === 'a: b' ? strTag : undefined;
  }

  readonly schema: Schema;
  /** The core schema's scalar tags that `yaml` tries on a plain scalar, in its order. */
  readonly tags: ScalarTag[] = [];
  /** Matches what one of `tags` matches (undefined: try each tag). */
  readonly notString: RegExp | undefined;
  /** The string tag (what a plain scalar is when no other tag matches), or undefined: no fast path. */
  readonly strTag: ScalarTag | undefined;

  document(docStart: boolean): Document.Parsed {
    if (!this.docProtos) {
      const d = new Document(undefined, YAML_OPTIONS) as Document.Parsed;
      if (docStart) d.directives.docStart = true;
      return d;
    }
    const d = Object.create(this.docProtos[docStart ? 1 : 0]) as Document.Parsed;
    d.commentBefore = null;
    d.comment = null;
    d.errors = [];
    d.warnings = [];
    return d;
  }

  scalar(value: unknown): Scalar {
    if (!this.scalarProto) return new Scalar(value);
    const s = Object.create(this.scalarProto) as Scalar;
    s.value = value;
    return s;
  }

  pair(key: Scalar, value: Node): Pair {
    if (!this.pairProto) return new Pair(key, value);
    const p = Object.create(this.pairProto) as Pair;
    p.key = key;
    p.value = value;
    return p;
  }

  map(): YAMLMap {
    if (!this.mapProto) return new YAMLMap(this.schema);
    const m = Object.create(this.mapProto) as YAMLMap;
    m.items = [];
    return m;
  }

  seq(): YAMLSeq {
    if (!this.seqProto) return new YAMLSeq(this.schema);
    const q = Object.create(this.seqProto) as YAMLSeq;
    q.items = [];
    return q;
  }
}

let factory: Factory | undefined;

interface ScalarTag {
  default?: boolean | 'key';
  test?: RegExp;
  resolve: Function;
  format?: string;
}

/** A table of ASCII character codes: true for those in `chars`. */
function asciiTable(chars: string): boolean[] {
  const table = new Array<boolean>(128).fill(false);
  for (let i = 0; i < chars.length; i++) table[chars.charCodeAt(i)] = true;
  return table;
}

/** First characters of core-schema scalars that are not strings: `~`, null, true/false, numbers, .inf/.nan. */
const MAYBE_NOT_STRING = asciiTable('~nNtTfF0123456789+-.');

/** Characters a plain scalar cannot start with: indicators, and anchors, aliases, tags and directives (not handled here). */
const NEVER_PLAIN_START = asciiTable(',#|>\'"@`[]{}&*!%');
/** Indicators that cannot start a plain scalar when a space or the line's end follows them. */
const SPACED_INDICATOR = asciiTable('-?:');

/**
 * A table of the short texts manifests repeat, each kept once: a fixed number of slots (a power of
 * two), where a colliding text replaces the one in its slot. `isString[slot]` is 1 once the slot's
 * text is known to resolve to a string as a plain scalar (most are): the parser then skips resolving it.
 */
interface TextTable {
  texts: string[];
  isString: Uint8Array;
  /** Longer texts are not kept (nor empty ones). */
  max: number;
  /** Keep property names: internalized strings, which V8 looks up without hashing at every store. */
  intern: boolean;
}

function textTable(slots: number, max: number, intern: boolean): TextTable {
  return { texts: new Array<string>(slots).fill(''), isString: new Uint8Array(slots), max, intern };
}

/**
 * Mapping keys as property names. A key sliced from the text is a new string, which V8 looks up in
 * its string table at every property store; manifests repeat a few hundred key names, so each name
 * is sliced and internalized once, then recognized in the text without allocating.
 */
const KEY_NAMES = textTable(4096, 64, true);

/**
 * A one-line plain scalar's text. Manifests repeat short values (`TCP`, `None`, `v1`, `500m`): each is
 * kept once, so the values held for a whole workspace share their strings. Only short ones, copied (a
 * longer slice could keep a whole document's text alive from the table).
 */
const VALUE_TEXTS = textTable(4096, 12, false);

/** Set when a tag's resolve reports an error (one handler for all calls: resolve is synchronous). */
let resolveFailed = false;
const onResolveError = (): void => {
  resolveFailed = true;
};

/** A slot of a name table (`slots` a power of two) for t[p..end): from the length and three characters. */
function slotOf(t: string, p: number, end: number, slots: number): number {
  const len = end - p;
  return (len * 131 + t.charCodeAt(p) * 31 + t.charCodeAt(p + (len >> 1)) * 7 + t.charCodeAt(end - 1)) & (slots - 1);
}

/** Whether `t` holds `s` at `p` (a loop: startsWith with a position is slower for short strings). */
function sameAt(t: string, p: number, s: string): boolean {
  for (let i = 0; i < s.length; i++) if (t.charCodeAt(p + i) !== s.charCodeAt(i)) return false;
  return true;
}

/**
 * A new mapping value: a plain object, as `{}` makes. Written as a literal with a property (the
 * prototype) because V8 tracks such literals by allocation site and, seeing nearly all of them live on
 * (values outlive the parse: the index holds them), allocates them in the old generation directly; `{}`
 * has no allocation site, so each was copied by one or two young-generation collections first.
 */
function newValueObject(): Record<string, unknown> {
  return { __proto__: Object.prototype } as Record<string, unknown>;
}

/** continues(): the collection goes on; it ends with no comments extending its range. */
const MORE = -2;
const NO_COMMENT = -1;

/**
 * One pass over the text that always computes the plain value and, when `build` is set, the nodes.
 * Both modes take every decision (including giving up) from the text alone, never from a node, so
 * fastValue accepts exactly what fastParse accepts and computes the same value.
 *
 * Each parse method returns the value it read and leaves what the caller needs in fields: the node
 * (null when not building) and where it ends (`end`: its own text; `trail`: the end of its range,
 * past trailing spaces or comments that belong to it).
 */
class Parser {
  /** Start of the current line, its end (its newline, or the end of the text), and the next line's start. */
  private ls = 0;
  private le = 0;
  private next = 0;
  /** Indent of the current line (spaces) or -1 at the end of the text. */
  private indent = -1;
  /** Indents of the comment lines skipped since the last content line, not yet given a home. */
  private pending: number[] = [];
  private depth = 0;

  /** The node last parsed (null when not building). */
  private node: Node | null = null;
  /** Where the node last parsed ends (range[1] and range[2], as offsets into `text`). */
  private end = 0;
  private trail = 0;

  private readonly make: Factory;

  private readonly strTag: ScalarTag;

  /**
   * The document is text[base, lim): all offsets are into `text` (the file, or the document itself
   * when base is 0), and a node's range is made relative to the document when it is recorded.
   */
  constructor(
    private readonly text: string,
    private readonly base: number,
    private readonly lim: number,
    private readonly maxDepth: number,
    private readonly build: boolean,
  ) {
    this.make = factory ??= new Factory(new Document(undefined, YAML_OPTIONS) as Document.Parsed);
    if (!this.make.strTag) throw GIVE_UP;
    this.strTag = this.make.strTag;
  }

  /** The document's tree, once document() has read it (only when building). */
  tree: Document.Parsed | undefined;

  document(): unknown {
    const t = this.text;
    const b = this.base;
    let start = -1;
    if (t.startsWith('---', b)) {
      // A directives-end marker with nothing but a comment after it.
      const eol = this.eol(b);
      const rest = t.slice(b + 3, eol).trim();
      if (this.lim > b + 3 && t[b + 3] !== ' ' && !isBreak(t.charCodeAt(b + 3))) throw GIVE_UP;
      if (rest !== '' && !rest.startsWith('#')) throw GIVE_UP;
      start = 0;
      this.goto(eol + 1);
    } else this.goto(b);
    this.skip();
    if (this.indent < 0) throw GIVE_UP;
    if (this.pending.length && this.pending.some((c) => c !== this.indent)) throw GIVE_UP;
    if (this.pending.length) this.pending = [];
    const firstLine = this.ls;
    const value = this.block(-1);
    const node = this.node;
    const contentEnd = this.trail;
    // Whatever follows the root: only comments at the root's column (they belong to the document).
    if (this.indent >= 0) throw GIVE_UP;
    if (this.pending.length && this.pending.some((c) => c !== this.rootColumn)) throw GIVE_UP;
    // An empty value ending the document leaves its newline outside every node; the library's
    // document range then stops short of the text's end. Not worth modelling.
    if (contentEnd < this.lim && t[contentEnd - 1] !== '\n') throw GIVE_UP;
    if (this.build) {
      const doc = this.make.document(start >= 0);
      doc.contents = node as Document.Parsed['contents'];
      (doc as { range: [number, number, number] }).range = [start >= 0 ? 0 : firstLine - b, contentEnd - b, this.lim - b];
      this.tree = doc;
    }
    return value;
  }

  // ---- lines -------------------------------------------------------------------------------

  private eol(from: number): number {
    const n = this.text.indexOf('\n', from);
    return n < 0 || n > this.lim ? this.lim : n;
  }

  /** Moves to the line starting at `ls` (or the end of the text). */
  private goto(ls: number): void {
    const t = this.text;
    this.ls = ls;
    const lim = this.lim;
    if (ls >= lim) {
      this.indent = -1;
      this.le = this.next = lim;
      return;
    }
    let p = ls;
    while (p < lim && t.charCodeAt(p) === 32) p++;
    this.indent = p - ls;
    const nl = this.eol(p);
    this.next = nl + 1;
    // A CRLF line's content ends at its `\r`.
    this.le = nl > p && t.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
  }

  /** Skips blank and comment lines, remembering the comments; stops on a content line or the end. */
  private skip(): void {
    const t = this.text;
    while (this.indent >= 0) {
      const c = this.ls + this.indent;
      const ch = t.charCodeAt(c);
      if (c >= this.lim || isBreak(ch)) {
        this.goto(this.next);
        continue;
      }
      if (ch === 35 /* # */) {
        this.pending.push(this.indent);
        this.goto(this.next);
        continue;
      }
      return;
    }
  }

  /** Offset after the current line (its newline included). */
  private lineEnd(): number {
    return Math.min(this.next, this.lim);
  }

  /** Whether a comment skipped since the last content line is more indented than `col`. */
  private pendingDeeper(col: number): boolean {
    const pend = this.pending;
    for (let i = 0; i < pend.length; i++) if (pend[i] > col) return true;
    return false;
  }

  // ---- collections ---------------------------------------------------------------------------

  /** The block node on the current content line, whose parent is at `parentCol` (-1 for the root). */
  private block(parentCol: number, seqAtSameIndent = false): unknown {
    const col = this.indent;
    const at = this.ls + col;
    if (this.isSeqItem(at)) {
      if (col <= parentCol && !(seqAtSameIndent && col === parentCol)) throw GIVE_UP;
      return this.seq(col);
    }
    if (col <= parentCol) throw GIVE_UP;
    return this.map(col, at);
  }

  private isSeqItem(at: number): boolean {
    const t = this.text;
    if (at >= this.lim || t.charCodeAt(at) !== 45 /* - */) return false;
    const n = t.charCodeAt(at + 1);
    return at + 1 >= this.lim || n === 32 || isBreak(n);
  }

  private enter(): void {
    if (++this.depth > this.maxDepth) throw GIVE_UP;
  }

  /**
   * After an item of the collection at `col`: skip to the next content line and decide whether the
   * collection goes on. Comments at the collection's column before a less indented line end the
   * collection (its range then reaches past them); more indented ones are left to `yaml`.
   * Returns MORE, or where the collection's range ends when comments extend it, or NO_COMMENT.
   */
  private continues(col: number): number {
    this.skip();
    const n = this.indent;
    // A more indented line, or comments deeper than the items, are left to `yaml`.
    if (n > col || this.pendingDeeper(col)) throw GIVE_UP;
    const pend = this.pending;
    if (n === col) {
      // Comments between items, at the items' column or further left, touch no range.
      if (pend.length) this.pending = [];
      return MORE;
    }
    // The collection ends (n < col, or the end of the text).
    let k = 0;
    while (k < pend.length && pend[k] === col) k++;
    if (k > 0 && n < 0 && col === this.rootColumn) return NO_COMMENT;
    if (k === 0) return NO_COMMENT;
    // The library lets the comments run to the next token (or the end of the text).
    if (k < pend.length) throw GIVE_UP;
    this.pending = [];
    return n >= 0 ? this.ls + n : this.lim;
  }

  /** Column of the root collection (-2 until it is known). */
  private rootColumn = -2;

  private seq(col: number): unknown[] {
    this.enter();
    if (this.rootColumn === -2) this.rootColumn = col;
    const seq = this.build ? this.make.seq() : null;
    const itemsFrom = this.itemTop;
    const start = this.ls + col;
    let end = start;
    let commentEnd = NO_COMMENT;
    for (;;) {
      // Current line: `-` at `col`.
      const dash = this.ls + col;
      const item = this.itemValue(dash + 1, col, true);
      this.items[this.itemTop++] = item;
      if (seq) seq.items.push(this.node!);
      end = this.trail;
      if (this.indent >= 0 && this.indent === col && !this.isSeqItem(this.ls + col)) {
        // A mapping key at the sequence's column ends a sequence nested at the same indent.
        // Comments before the key stay with the sequence (its range runs to the key), except at
        // the root's column, where they go to the key.
        if (this.pending.length) {
          if (this.pending.some((c) => c !== col)) throw GIVE_UP;
          if (col !== this.rootColumn) {
            commentEnd = this.ls + col;
            this.pending = [];
          }
        }
        break;
      }
      const c = this.continues(col);
      if (c !== MORE) {
        commentEnd = c;
        break;
      }
      if (!this.isSeqItem(this.ls + col)) {
        // Back at the column with a non-item: legal only for a sequence that is a map value at
        // the map's own indent, and then nothing may have been skipped.
        throw GIVE_UP;
      }
    }
    this.done(seq, start, end, commentEnd === NO_COMMENT ? end : commentEnd);
    this.depth--;
    const value = this.items.slice(itemsFrom, this.itemTop);
    this.itemTop = itemsFrom;
    return value;
  }

  /**
   * The items of the sequences being read (block or flow), items[0..itemTop), outermost first. A
   * sequence's value is sliced from here when it ends, so it is allocated once at its exact length;
   * pushing onto a new array would reserve 16 slots at the first item (most manifest sequences hold
   * one to three).
   */
  private readonly items: unknown[] = [];
  private itemTop = 0;

  private map(col: number, firstKeyAt: number): Record<string, unknown> {
    this.enter();
    if (this.rootColumn === -2) this.rootColumn = col;
    const map = this.build ? this.make.map() : null;
    const value = newValueObject();
    let keyAt = firstKeyAt;
    let end = keyAt;
    let commentEnd = NO_COMMENT;
    const keysFrom = this.keyTop;
    for (;;) {
      const colon = this.key(keyAt);
      const key = this.keyText;
      const keyNode = this.node as Scalar;
      if (this.repeated(key, keysFrom, value)) throw GIVE_UP;
      this.keys[this.keyTop++] = key;
      value[key] = this.itemValue(colon + 1, col, false);
      if (map) map.items.push(this.make.pair(keyNode, this.node!));
      end = this.trail;
      const c = this.continues(col);
      if (c !== MORE) {
        commentEnd = c;
        break;
      }
      keyAt = this.ls + col;
      if (this.isSeqItem(keyAt)) throw GIVE_UP;
    }
    this.keyTop = keysFrom;
    this.done(map, firstKeyAt, end, commentEnd === NO_COMMENT ? end : commentEnd);
    this.depth--;
    return value;
  }

  /** The keys of the mappings being read, keys[0..keyTop), outermost first (each mapping's from where it started). */
  private readonly keys: string[] = [];
  private keyTop = 0;

  /**
   * Whether `key` repeats one of the mapping's keys so far, keys[from..keyTop). A short mapping compares
   * them (key names are mostly the same internalized strings: a pointer comparison each); a long one
   * looks the key up in its value (no value is undefined; a name Object.prototype has, such as
   * `constructor`, then reads as repeated and the `yaml` path takes the document).
   */
  private repeated(key: string, from: number, value: Record<string, unknown>): boolean {
    const keys = this.keys;
    const top = this.keyTop;
    if (top - from > 16) return value[key] !== undefined;
    for (let i = from; i < top; i++) if (keys[i] === key) return true;
    return false;
  }

  /** Records the node just finished (with its range when building) and where it ends. */
  private done(node: Node | null, start: number, end: number, trail: number): void {
    if (node) {
      const b = this.base;
      node.range = [start - b, end - b, trail - b];
    }
    this.node = node;
    this.end = end;
    this.trail = trail;
  }

  /**
   * The value after an indicator (`:` of a key or `-` of an item) at offset `from` on the current
   * line, for a collection at column `col`: an inline scalar, a compact map (`- key: v`), a block
   * node on the following lines, or an empty (null) value.
   */
  private itemValue(from: number, col: number, inSeq: boolean): unknown {
    const t = this.text;
    let p = from;
    while (t.charCodeAt(p) === 32) p++;
    const ch = t.charCodeAt(p);
    const lineEnd = this.lineEnd();
    if (p >= this.lim || isBreak(ch) || ch === 35) {
      // Nothing on this line (maybe a comment): a block node below, or an empty value.
      const comment = ch === 35;
      if (comment && t.charCodeAt(p - 1) !== 32) throw GIVE_UP;
      this.goto(this.next);
      this.skip();
      const n = this.indent;
      if (n > col || (!inSeq && n === col && this.isSeqItem(this.ls + n))) {
        if (this.pendingDeeper(n)) throw GIVE_UP;
        if (this.pending.length) this.pending = [];
        return this.block(col, !inSeq);
      }
      // An empty value. The library stretches its range over comments in ways that depend on what
      // follows; only the plain shapes are ours: with a comment on its line it runs to the next
      // key or item on the following line, or to the end of its own line when blank lines follow.
      if (this.pending.length || (comment && n !== col)) throw GIVE_UP;
      if (!comment) return this.empty(p, p);
      if (this.ls === lineEnd) return this.empty(p, this.ls + n);
      if (!/^\n+$/.test(t.slice(lineEnd, this.ls))) throw GIVE_UP;
      return this.empty(p, lineEnd);
    }
    if (ch === 91 /* [ */ || ch === 123 /* { */) return this.flow(p, col);
    if (ch === 124 /* | */ || ch === 62 /* > */) return this.blockScalar(p, col);
    if (inSeq) {
      // `- key: value` starts a map whose column is the key's.
      if (this.isSeqItem(p)) throw GIVE_UP;
      if (this.keyEnd(p) >= 0) {
        if (ch === 63 /* ? */ && (t.charCodeAt(p + 1) === 32 || isBreak(t.charCodeAt(p + 1)))) throw GIVE_UP;
        return this.map(p - this.ls, p);
      }
    }
    const v = this.inlineScalar(p);
    this.done(this.node, p, this.end, lineEnd);
    this.goto(this.next);
    this.skip();
    // A more indented line after a one-line scalar continues it (or is an error): not ours.
    if (this.indent > col) throw GIVE_UP;
    return v;
  }

  /**
   * A flow sequence or mapping of one-line scalars that opens and closes on this line, e.g.
   * `["ReadWriteOnce"]`, `{}` or `{app: web}`. Nesting, empty entries and line breaks are left to `yaml`.
   */
  private flow(p: number, col: number): unknown {
    const t = this.text;
    const isMap = t[p] === '{';
    const close = isMap ? '}' : ']';
    const node = !this.build ? null : isMap ? this.make.map() : this.make.seq();
    if (node) node.flow = true;
    // Only a mapping's value object: these are allocated in the old generation (see newValueObject).
    const obj = isMap ? newValueObject() : {};
    const itemsFrom = this.itemTop;
    let q = this.spaces(p + 1);
    while (t[q] !== close) {
      if (isMap) {
        const keyEnd = this.flowKeyEnd(q);
        const k = this.flowScalar(q, keyEnd, true) as string;
        const keyNode = this.node as Scalar;
        if (typeof k !== 'string' || k === '__proto__' || k === '<<' || Object.prototype.hasOwnProperty.call(obj, k)) throw GIVE_UP;
        const vs = this.spaces(keyEnd + 1);
        obj[k] = this.flowScalar(vs, this.flowScalarEnd(vs), false);
        if (node) (node as YAMLMap).items.push(this.make.pair(keyNode, this.node!));
      } else {
        const item = this.flowScalar(q, this.flowScalarEnd(q), false);
        this.items[this.itemTop++] = item;
        if (node) (node as YAMLSeq).items.push(this.node!);
      }
      q = this.trail;
      if (t[q] === ',') q = this.spaces(q + 1);
      else if (t[q] !== close) throw GIVE_UP;
    }
    // After the closing bracket: spaces, then a comment or the line's end.
    const after = this.spaces(q + 1);
    const c = t.charCodeAt(after);
    if (!(after >= this.lim || isBreak(c) || (c === 35 && after > q + 1))) throw GIVE_UP;
    this.done(node, p, q + 1, this.lineEnd());
    this.goto(this.next);
    this.skip();
    if (this.indent > col) throw GIVE_UP;
    if (isMap) return obj;
    const arr = this.items.slice(itemsFrom, this.itemTop);
    this.itemTop = itemsFrom;
    return arr;
  }

  /**
   * A literal (`|`, `|-`) or folded (`>`, `>-`) block scalar whose header is at `p`. Its lines are
   * those indented deeper than the header's collection; the indentation of the first one is removed
   * from all. Keep-chomping, indentation indicators, leading blank lines, lines of spaces and, when
   * folded, blank or more indented lines are left to `yaml`.
   */
  private blockScalar(p: number, col: number): string {
    const t = this.text;
    const folded = t[p] === '>';
    let h = p + 1;
    const strip = t[h] === '-';
    if (strip) h++;
    const after = this.spaces(h);
    const c = t.charCodeAt(after);
    if (!(after >= this.lim || isBreak(c) || (c === 35 && after > h))) throw GIVE_UP;
    const lines: string[] = [];
    let blockIndent = -1;
    let end = this.lineEnd();
    let blanks = 0;
    this.goto(this.next);
    while (this.indent >= 0) {
      const eol = this.le;
      if (eol === this.ls) {
        // An empty line: part of the scalar if more content follows.
        if (blockIndent < 0) throw GIVE_UP;
        blanks++;
        this.goto(this.next);
        continue;
      }
      if (this.ls + this.indent === eol) throw GIVE_UP;
      if (blockIndent < 0) {
        if (this.indent <= col) throw GIVE_UP;
        blockIndent = this.indent;
      }
      if (this.indent < blockIndent) break;
      if (folded && (blanks > 0 || this.indent > blockIndent)) throw GIVE_UP;
      for (; blanks > 0; blanks--) lines.push('');
      lines.push(t.slice(this.ls + blockIndent, eol));
      end = this.lineEnd();
      this.goto(this.next);
    }
    if (blockIndent < 0) throw GIVE_UP;
    // Trailing blank lines are dropped (clip and strip chomping), and stay outside the range.
    const body = lines.join(folded ? ' ' : '\n');
    const value = strip ? body : body + '\n';
    let s: Scalar | null = null;
    if (this.build) {
      s = this.make.scalar(value);
      (s as { source?: string }).source = value;
      s.type = folded ? Scalar.BLOCK_FOLDED : Scalar.BLOCK_LITERAL;
    }
    this.done(s, p, end, end);
    this.skip();
    if (this.indent > col) throw GIVE_UP;
    return value;
  }

  private spaces(p: number): number {
    while (this.text.charCodeAt(p) === 32) p++;
    return p;
  }

  /** Offset of the `:` after a flow mapping key at `p` (which must be followed by a space). */
  private flowKeyEnd(p: number): number {
    const t = this.text;
    const eol = this.le;
    let q = p;
    if (t[p] === '"' || t[p] === "'") q = this.closingQuote(p) + 1;
    for (; q < eol; q++) {
      const c = t[q];
      if (c === ':' && t[q + 1] === ' ') {
        if (t[q - 1] === ' ') throw GIVE_UP;
        return q;
      }
      if (c === ',' || c === '}' || c === '{' || c === '[' || c === ']' || c === '#' || c === '"' || c === "'") throw GIVE_UP;
    }
    throw GIVE_UP;
  }

  /** Where a flow scalar starting at `p` ends: its closing quote, or before `,` `]` `}` and trailing spaces. */
  private flowScalarEnd(p: number): number {
    const t = this.text;
    if (t[p] === '"' || t[p] === "'") return this.closingQuote(p) + 1;
    const eol = this.le;
    let q = p;
    for (; q < eol; q++) {
      const c = t[q];
      if (c === ',' || c === ']' || c === '}') break;
      // Nested collections, comments and `key: value` entries inside a flow sequence are not ours.
      if (c === '[' || c === '{' || c === '"' || c === "'" || (c === '#' && t[q - 1] === ' ') || (c === ':' && (t[q + 1] === ' ' || t[q + 1] === ',' || q + 1 >= eol))) throw GIVE_UP;
    }
    if (q >= eol) throw GIVE_UP;
    while (q > p && t[q - 1] === ' ') q--;
    return q;
  }

  /** The flow scalar in [p, end); its range runs on over the spaces after it. */
  private flowScalar(p: number, end: number, atKey: boolean): unknown {
    const t = this.text;
    if (end <= p) throw GIVE_UP;
    let v: unknown;
    if (t[p] === '"' || t[p] === "'") {
      v = this.quoted(p);
      if (this.end !== end) throw GIVE_UP;
    } else {
      if (this.badPlainStart(p)) throw GIVE_UP;
      v = this.plain(t.slice(p, end), atKey);
      if (atKey && typeof v !== 'string') throw GIVE_UP;
    }
    this.done(this.node, p, end, atKey ? end : this.spaces(end));
    return v;
  }

  private empty(at: number, end: number): unknown {
    const v = this.plain('', false);
    this.done(this.node, at, at, end);
    return v;
  }

  /** Whether a plain scalar cannot start at `p` (an indicator, or `-`/`?`/`:` followed by a space). */
  private badPlainStart(p: number): boolean {
    const t = this.text;
    const c = t.charCodeAt(p);
    if (!(c < 128)) return false;
    if (NEVER_PLAIN_START[c]) return true;
    if (!SPACED_INDICATOR[c]) return false;
    const n = t.charCodeAt(p + 1);
    return p + 1 >= this.lim || n === 32 || isBreak(n);
  }

  /** Offset of the `:` ending an implicit key that starts at `p`, or -1 when the line is no `key: value`. */
  private keyEnd(p: number): number {
    const t = this.text;
    const ch = t.charCodeAt(p);
    if (ch === 34 || ch === 39) {
      const close = this.closingQuote(p);
      let q = close + 1;
      while (t.charCodeAt(q) === 32) q++;
      return t.charCodeAt(q) === 58 && this.colonEnds(q) ? q : -1;
    }
    const eol = this.le;
    for (let q = p; q < eol; q++) {
      const c = t.charCodeAt(q);
      if (c === 58 /* : */ && this.colonEnds(q)) return q;
      if (c === 35 /* # */ && t.charCodeAt(q - 1) === 32) return -1;
    }
    return -1;
  }

  private colonEnds(q: number): boolean {
    const n = this.text.charCodeAt(q + 1);
    return q + 1 >= this.lim || n === 32 || isBreak(n);
  }

  /** The text of the key last read by key(). */
  private keyText = '';

  /** Reads the key starting at `p` on the current line into keyText (and node); returns the offset of its `:`. */
  private key(p: number): number {
    const colon = this.keyEnd(p);
    if (colon < 0) throw GIVE_UP;
    const t = this.text;
    const ch = t.charCodeAt(p);
    let k: string;
    if (ch === 34 || ch === 39) {
      k = this.quoted(p);
      if (this.end !== colon) throw GIVE_UP;
    } else {
      if (t.charCodeAt(colon - 1) === 32 || this.badPlainStart(p)) throw GIVE_UP;
      k = this.tabledPlain(KEY_NAMES, p, colon, true) as string;
    }
    this.done(this.node, p, colon, colon);
    // Merge keys and `__proto__` get special treatment when the value is built.
    if (k === '__proto__' || k === '<<') throw GIVE_UP;
    this.keyText = k;
    return colon;
  }

  // ---- scalars -------------------------------------------------------------------------------

  /** A one-line scalar starting at `p`; ends at the line's end or a ` #` comment. */
  private inlineScalar(p: number): unknown {
    const t = this.text;
    const ch = t.charCodeAt(p);
    if (ch === 34 || ch === 39) {
      const v = this.quoted(p);
      let q = this.end;
      while (t.charCodeAt(q) === 32) q++;
      const c = t.charCodeAt(q);
      if (!(q >= this.lim || isBreak(c) || (c === 35 && q > this.end))) throw GIVE_UP;
      return v;
    }
    if (this.badPlainStart(p)) throw GIVE_UP;
    const eol = this.le;
    let end = eol;
    for (let q = p + 1; q < eol; q++) {
      const c = t.charCodeAt(q);
      if (c === 35 && t.charCodeAt(q - 1) === 32) {
        end = q;
        break;
      }
      // `a: b: c` is an error in block context.
      if (c === 58 && this.colonEnds(q)) throw GIVE_UP;
    }
    while (end > p && t.charCodeAt(end - 1) === 32) end--;
    const v = this.tabledPlain(VALUE_TEXTS, p, end, false);
    this.done(this.node, p, end, end);
    return v;
  }

  /**
   * plain() of text[p..end), whose string is taken from `table` (and entered there if new). A text the
   * table knows as a string is not resolved again.
   */
  private tabledPlain(table: TextTable, p: number, end: number, atKey: boolean): unknown {
    const t = this.text;
    const len = end - p;
    if (len > table.max || len === 0) return this.plain(t.slice(p, end), atKey);
    const slot = slotOf(t, p, end, table.texts.length);
    let src = table.texts[slot];
    if (src.length === len && sameAt(t, p, src)) {
      if (table.isString[slot] === 1) {
        this.node = this.build ? this.stringNode(src) : null;
        return src;
      }
    } else {
      src = t.slice(p, end);
      if (table.intern) {
        // A property name is an internalized string: take the one V8 made (a flat copy of the slice).
        const holder: Record<string, true> = {};
        holder[src] = true;
        src = Object.keys(holder)[0];
      }
      table.texts[slot] = src;
      table.isString[slot] = 0;
    }
    const v = this.plain(src, atKey);
    if (this.plainString) table.isString[slot] = 1;
    return v;
  }

  /** Whether the last plain() resolved its scalar to a string. */
  private plainString = false;

  /** A plain scalar's value (and node), resolved by the core schema's tags as `yaml` resolves it. */
  private plain(src: string, atKey: boolean): unknown {
    let tag = this.strTag;
    // Null, booleans and numbers start with one of these (core schema); most keys and values do not.
    const notString = this.make.notString;
    const first = src.charCodeAt(0);
    if (src === '' || (first < 128 && MAYBE_NOT_STRING[first] && (!notString || notString.test(src)))) for (const tg of this.make.tags) {
      if (tg.test!.test(src)) {
        tag = tg;
        break;
      }
    }
    if (atKey && tag !== this.strTag) throw GIVE_UP;
    this.plainString = tag === this.strTag;
    if (tag === this.strTag) {
      // The string tag resolves a plain scalar to its source (checked in Factory).
      this.node = this.build ? this.stringNode(src) : null;
      return src;
    }
    resolveFailed = false;
    const res = tag.resolve(src, onResolveError, YAML_OPTIONS);
    if (resolveFailed) throw GIVE_UP;
    if (!this.build) {
      this.node = null;
      return isScalar(res) ? res.value : res;
    }
    const s: Scalar = isScalar(res) ? res : this.make.scalar(res);
    (s as { source?: string }).source = src;
    s.type = Scalar.PLAIN;
    const format = (tag as { format?: string }).format;
    if (format) s.format = format;
    this.node = s;
    return s.value;
  }

  /** The node of a plain scalar that is a string. */
  private stringNode(src: string): Scalar {
    const s = this.make.scalar(src);
    (s as { source?: string }).source = src;
    s.type = Scalar.PLAIN;
    return s;
  }

  private closingQuote(p: number): number {
    const t = this.text;
    const q = t[p];
    const eol = this.le;
    for (let i = p + 1; i < eol; i++) {
      if (t[i] !== q) continue;
      if (q === "'" && t[i + 1] === "'") {
        i++;
        continue;
      }
      return i;
    }
    // Unclosed on this line: a multi-line quoted scalar (or an error).
    throw GIVE_UP;
  }

  /** A quoted scalar on one line starting at `p`. */
  private quoted(p: number): string {
    const t = this.text;
    const close = this.closingQuote(p);
    const inner = t.slice(p + 1, close);
    const single = t[p] === "'";
    // Escapes in double quotes are the library's business.
    if (!single && inner.includes('\\')) throw GIVE_UP;
    const value = single ? inner.replace(/''/g, "'") : inner;
    let s: Scalar | null = null;
    if (this.build) {
      s = this.make.scalar(value);
      (s as { source?: string }).source = value;
      s.type = single ? Scalar.QUOTE_SINGLE : Scalar.QUOTE_DOUBLE;
    }
    this.done(s, p, close + 1, close + 1);
    return value;
  }
}
