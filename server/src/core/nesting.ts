// A cheap linear estimate of a YAML document's nesting depth, run before the (recursive) yaml
// parser so that hostile input like 100k `[` or 10k ever-deeper indented keys is refused early
// instead of burning the stack. It errs on the side of counting too much structure, never too little
// for realistic manifests: block scalar bodies, quoted strings and comments are skipped.

/** Upper bound on the structure tokens (lines, flow items) of one document: the yaml parser takes
 * tens of microseconds per token, so a 2 MB flow sequence of a million items would freeze an editor. */
export const MAX_NODES = 50_000;

/** Offset where the estimated depth first exceeds `limit`, or -1 when the text stays within it. */
export function findTooDeep(text: string, limit: number): number {
  return scanNesting(text, limit).deepAt;
}

export interface NestingScan {
  /** Offset where the estimated depth first exceeds the limit, or -1. */
  deepAt: number;
  /** Rough count of structure tokens (counting stops past MAX_NODES). */
  nodes: number;
  /** Largest estimated depth seen. Block nesting may be under-counted by up to half (a sequence at its key's column). */
  depth: number;
}

/** One pass over a document's text. */
export function scanNesting(text: string, limit: number): NestingScan {
  const out: NestingScan = { deepAt: -1, nodes: 0, depth: 0 };
  const r = scan(text, limit, out);
  if (r >= 0) out.deepAt = r;
  return out;
}

/** Returns the too-deep offset, or -1; fills out.nodes and out.depth. */
function scan(text: string, limit: number, out: NestingScan): number {
  const n = text.length;
  let nodes = 0;
  const stack: number[] = []; // columns of the open block nodes
  let flow = 0; // open `[` / `{`
  let quote = 0; // 34 (") or 39 (') while inside a quoted scalar, across lines
  let quoteIndent = -1; // indentation of the line the quoted scalar started on
  let blockScalarCol = -1; // lines indented deeper than this belong to a `|` / `>` scalar
  let nodeStart = false; // the next non-space character begins a node
  let ls = 0;
  while (ls <= n) {
    let le = text.indexOf('\n', ls);
    if (le < 0) le = n;
    // `- ` / `? ` indicators where a node starts past the line's start (inside a flow collection or
    // after a key): invalid there, but the parser nests a collection for each (fuzz seed 20261202).
    let inline = 0;
    let p = ls;
    // A byte order mark is skipped by the YAML reader, so it must not hide a `[` / `{` behind it.
    while (p < le && (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9 || text.charCodeAt(p) === 0xfeff)) p++;
    const indent = p - ls;
    // Blank: nothing, or only the carriage return of a CRLF (a lone `\r` starting a line must not hide
    // the rest of it: fuzz seed 8003).
    const blank = p >= le || (text.charCodeAt(p) === 13 && p + 1 >= le);
    // The yaml lexer ends a quoted scalar (with an error) at a line indented no deeper than the one it
    // started on: what follows is structure again and must be counted (an unclosed quote hid deep
    // flow nesting from this scan; fuzz seed 8001).
    if (quote !== 0 && !blank && indent <= quoteIndent) quote = 0;
    if (blockScalarCol >= 0) {
      if (blank || indent > blockScalarCol) {
        ls = le + 1;
        continue;
      }
      blockScalarCol = -1;
    }
    if (quote === 0 && flow === 0) {
      if (blank || text.charCodeAt(p) === 35 /* # */) {
        ls = le + 1;
        continue;
      }
      if (p === ls && (text.startsWith('---', p) || text.startsWith('...', p))) {
        stack.length = 0;
        p += 3;
        while (p < le && text.charCodeAt(p) === 32) p++;
      } else {
        while (stack.length && stack[stack.length - 1] >= indent) stack.pop();
        stack.push(indent);
        // Compact nesting on one line: `- - key: v`, `? - x`.
        for (;;) {
          const c = text.charCodeAt(p);
          const next = p + 1 < le ? text.charCodeAt(p + 1) : 32;
          if ((c === 45 /* - */ || c === 63 /* ? */) && (next === 32 || next === 9 || next === 13)) {
            p++;
            while (p < le && (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9)) p++;
            if (p >= le) break;
            stack.push(p - ls);
            if (stack.length > limit) return p;
          } else break;
        }
      }
      if (stack.length > limit) return p;
      if (stack.length > out.depth) out.depth = stack.length;
      nodes++;
      nodeStart = true;
    }
    for (; p < le; p++) {
      const c = text.charCodeAt(p);
      if (quote === 34) {
        if (c === 92 /* \ */) p++;
        else if (c === 34) quote = 0;
        continue;
      }
      if (quote === 39) {
        if (c === 39) {
          if (text.charCodeAt(p + 1) === 39) p++;
          else quote = 0;
        }
        continue;
      }
      if (c === 32 || c === 9 || c === 13) continue;
      if (c === 35 /* # */ && (p === ls || text.charCodeAt(p - 1) === 32 || text.charCodeAt(p - 1) === 9)) break;
      if (nodeStart) {
        const next = p + 1 < le ? text.charCodeAt(p + 1) : 32;
        if ((c === 45 /* - */ || c === 63 /* ? */) && (next === 32 || next === 9 || next === 13)) {
          inline++;
          if (stack.length + flow + inline > limit) return p;
          if (stack.length + flow + inline > out.depth) out.depth = stack.length + flow + inline;
          continue;
        }
        if (c === 34 || c === 39) {
          quote = c;
          quoteIndent = indent;
          nodeStart = false;
        } else if (c === 91 /* [ */ || c === 123 /* { */) {
          flow++;
          if (stack.length + flow > limit) return p;
          if (stack.length + flow > out.depth) out.depth = stack.length + flow;
        } else if (c === 38 /* & */ || c === 33 /* ! */) {
          // Tag and anchor names end at white space or a flow indicator (YAML excludes `[]{},` from
          // them); the parser reads a glued `!{[` as a tag then flow collections, so must the scan.
          for (let d = text.charCodeAt(p + 1); p + 1 < le && d !== 32 && d !== 9 && d !== 91 && d !== 123 && d !== 93 && d !== 125 && d !== 44; d = text.charCodeAt(++p + 1));
        } else if ((c === 124 /* | */ || c === 62 /* > */) && flow === 0) {
          blockScalarCol = stack.length ? stack[stack.length - 1] : 0;
          break;
        } else if (flow > 0 && (c === 93 /* ] */ || c === 125 /* } */)) {
          flow--;
          nodeStart = false;
        } else nodeStart = false;
        continue;
      }
      if (flow > 0) {
        if (c === 91 || c === 123) {
          flow++;
          if (stack.length + flow > limit) return p;
          if (stack.length + flow > out.depth) out.depth = stack.length + flow;
          nodeStart = true;
        } else if (c === 93 || c === 125) flow--;
        else if (c === 44 /* , */) {
          nodeStart = true;
          nodes++;
        }
        else if (c === 58 /* : */) nodeStart = true;
      } else if (c === 58 && (p + 1 >= le || [32, 9, 13].includes(text.charCodeAt(p + 1)))) {
        nodeStart = true;
      }
    }
    if (nodes > MAX_NODES) break;
    ls = le + 1;
  }
  out.nodes = nodes;
  return -1;
}
