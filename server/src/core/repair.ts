// A document with YAML syntax errors, with the broken lines blanked out: what the schema checks (unknown,
// missing and deprecated fields, wrong types and values) look at, so that one syntax error does not hide every
// other mistake of the document. Pure: text in, a parse of the repaired text out.
//
// Blanking keeps every offset: a broken line becomes spaces (its line break stays), so positions in the
// repaired parse are positions in the document. Which lines are broken comes from the parser: each pass
// blanks the lines its syntax errors start on, with the lines that belong to them (more indented lines after
// them; for a key-like line also the `- ` items at its own indentation, which YAML lets a key own), then
// parses again. The repair succeeds when a pass parses without syntax errors.
//
// What a repair cannot tell is what the blanked lines held. A check that reports something absent may use it
// only where no blanked line could have held that thing: `couldHoldKey` answers that for a mapping's keys.
import type { ParsedDoc } from './parse';
import { parseOne } from './parse';
import { asMap, nodeRange } from './nodes';
import { LineIndex } from './text';
import type { Limits } from './types';

/**
 * Passes before giving up. The parser loses its footing after the first broken line, so a pass usually finds
 * the next broken line only: a script pasted at a key's indentation takes about one pass per line shape.
 */
const MAX_PASSES = 10;
/**
 * Characters parsed over all passes: bounds the time a repair can take (this runs again on every edit of a
 * broken document): ~20 ms on this machine. A large document gets fewer passes, or none.
 */
const BUDGET_CHARS = 60_000;

export interface Repair {
  /** The parse of the repaired text: same index, offset and text length as the document. */
  doc: ParsedDoc;
  /**
   * Whether a blanked line could have been a key of `node`, a mapping of `doc`: a blanked region starts at
   * the mapping's key indentation, among its lines (or right before its first key) in the original text.
   */
  couldHoldKey(node: unknown): boolean;
}

/** The document with its broken lines blanked, parsed without syntax errors; undefined when that fails. */
export function repairDocument(doc: ParsedDoc, limits: Limits): Repair | undefined {
  const text = doc.text;
  if (doc.templated) return undefined;
  let errors = syntaxErrorStarts(doc);
  if (!errors.length) return undefined;
  const lines = new LineIndex(text);
  const blank = new Uint8Array(lines.lineCount);
  for (let pass = 0; pass < MAX_PASSES && (pass + 1) * text.length <= BUDGET_CHARS; pass++) {
    let progress = false;
    for (const at of errors) if (blankFrom(lines, blank, lines.positionAt(at).line)) progress = true;
    if (!progress) return undefined;
    const repaired = parseOne(blanked(lines, blank), doc.index, doc.offset, limits);
    errors = syntaxErrorStarts(repaired);
    if (!errors.length) {
      if (repaired.value == null || repaired.templated) return undefined;
      return { doc: repaired, couldHoldKey: (node) => couldHoldKey(lines, blank, node) };
    }
  }
  return undefined;
}

function syntaxErrorStarts(doc: ParsedDoc): number[] {
  const out: number[] = [];
  for (const p of doc.problems) if (p.code === 'yaml-syntax' && p.severity === 'error') out.push(p.start);
  return out;
}

/** Line `n` without its line break. */
function lineText(lines: LineIndex, n: number): string {
  return lines.text.slice(lines.lineStart(n), lines.lineEnd(n));
}

function indentOf(line: string): number {
  let i = 0;
  while (i < line.length && line.charCodeAt(i) === 32) i++;
  return i;
}

function isBlankOrComment(line: string): boolean {
  const t = line.trimStart();
  return t === '' || t.startsWith('#');
}

function isItem(line: string, indent: number): boolean {
  return line.charCodeAt(indent) === 45 /* - */ && (line.length === indent + 1 || line.charCodeAt(indent + 1) === 32 || line.charCodeAt(indent + 1) === 9);
}

// blank[n]: 0 = kept, REGION = the first line of a blanked region, OWNED = a line blanked with the one above.
const REGION = 1;
const OWNED = 2;

/** Blanks line `n` and the lines that belong to it; false when `n` was blanked already (no progress). */
function blankFrom(lines: LineIndex, blank: Uint8Array, n: number): boolean {
  if (blank[n]) return false;
  blank[n] = REGION;
  const first = lineText(lines, n);
  const indent = indentOf(first);
  const ownsItems = !isItem(first, indent);
  for (let k = n + 1; k < blank.length; k++) {
    const line = lineText(lines, k);
    if (isBlankOrComment(line)) continue;
    const ind = indentOf(line);
    if (ind > indent || (ownsItems && ind === indent && isItem(line, ind))) blank[k] ||= OWNED;
    else break;
  }
  return true;
}

/** The text with the blanked lines' characters (not their line breaks) replaced by spaces. */
function blanked(lines: LineIndex, blank: Uint8Array): string {
  const text = lines.text;
  let out = '';
  let from = 0;
  for (let n = 0; n < blank.length; n++) {
    if (!blank[n]) continue;
    const start = lines.lineStart(n);
    const end = lines.lineEnd(n);
    out += text.slice(from, start) + ' '.repeat(end - start);
    from = end;
  }
  return out + text.slice(from);
}

/**
 * See Repair.couldHoldKey. A block mapping's extent in the original text: from its first key's line on, up to
 * the first line less indented than its keys, kept or blanked (blank and comment lines, and lines blanked with
 * a region above them, do not end it); before that line, the blanked and empty lines up to the first kept one
 * (its parent's key, or the previous item).
 */
function couldHoldKey(lines: LineIndex, blank: Uint8Array, node: unknown): boolean {
  const map = asMap(node);
  const first = map?.items[0]?.key;
  const range = nodeRange(first) ?? nodeRange(map);
  if (!map || !range) return false;
  const line = lines.positionAt(range[0]).line;
  if (map.flow) {
    const end = lines.positionAt(nodeRange(map)![1]).line;
    for (let n = line; n <= end; n++) if (blank[n]) return true;
    return false;
  }
  const col = range[0] - lines.lineStart(line);
  for (let n = line - 1; n >= 0; n--) {
    const t = lineText(lines, n);
    if (blank[n] === REGION && indentOf(t) === col) return true;
    if (!blank[n] && !isBlankOrComment(t)) break;
  }
  for (let n = line + 1; n < blank.length; n++) {
    if (blank[n] === OWNED) continue;
    const t = lineText(lines, n);
    if (isBlankOrComment(t)) continue;
    // A line less indented than the keys (kept or blanked) ends the mapping.
    if (indentOf(t) < col) break;
    if (blank[n] === REGION && indentOf(t) === col) return true;
  }
  return false;
}
