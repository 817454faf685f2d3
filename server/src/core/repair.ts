// A document with YAML syntax errors, with the broken lines blanked out: what the checks that report present
// things (unknown fields, wrong types and values, deprecated fields) look at, so that one syntax error does not
// hide every other mistake of the document. Pure: text in, a parse of the repaired text out.
//
// Blanking keeps every offset: a broken line becomes spaces (its line break stays), so positions in the
// repaired parse are positions in the document. Which lines are broken comes from the parser: each pass
// blanks the lines its syntax errors start on, with the lines that belong to them (more indented lines after
// them; for a key-like line also the `- ` items at its own indentation, which YAML lets a key own), then
// parses again. The repair succeeds when a pass parses without syntax errors.
//
// What a repair cannot tell is what the blanked lines held: checks that report something absent (a missing
// field, a reference to nothing) must not use it.
import type { ParsedDoc } from './parse';
import { parseOne } from './parse';
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

/**
 * The document with its broken lines blanked, parsed without syntax errors (same index, offset and text length);
 * undefined when that fails.
 */
export function repairDocument(doc: ParsedDoc, limits: Limits): ParsedDoc | undefined {
  const text = doc.text;
  if (doc.templated) return undefined;
  let errors = syntaxErrorStarts(doc);
  if (!errors.length) return undefined;
  const lines = lineStarts(text);
  const blank = new Uint8Array(lines.length);
  for (let pass = 0; pass < MAX_PASSES && (pass + 1) * text.length <= BUDGET_CHARS; pass++) {
    let progress = false;
    for (const at of errors) if (blankFrom(text, lines, blank, lineAt(lines, at))) progress = true;
    if (!progress) return undefined;
    const repaired = parseOne(blanked(text, lines, blank), doc.index, doc.offset, limits);
    errors = syntaxErrorStarts(repaired);
    if (!errors.length) return repaired.value == null || repaired.templated ? undefined : repaired;
  }
  return undefined;
}

function syntaxErrorStarts(doc: ParsedDoc): number[] {
  const out: number[] = [];
  for (const p of doc.problems) if (p.code === 'yaml-syntax' && p.severity === 'error') out.push(p.start);
  return out;
}

function lineStarts(text: string): number[] {
  const out = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) out.push(i + 1);
  return out;
}

function lineAt(lines: number[], offset: number): number {
  let lo = 0;
  let hi = lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lines[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Line `n` without its line break. */
function lineText(text: string, lines: number[], n: number): string {
  const end = n + 1 < lines.length ? lines[n + 1] - 1 : text.length;
  return text.slice(lines[n], end).replace(/\r$/, '');
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

/** Blanks line `n` and the lines that belong to it; false when `n` was blanked already (no progress). */
function blankFrom(text: string, lines: number[], blank: Uint8Array, n: number): boolean {
  if (blank[n]) return false;
  blank[n] = 1;
  const first = lineText(text, lines, n);
  const indent = indentOf(first);
  const ownsItems = !isItem(first, indent);
  for (let k = n + 1; k < lines.length; k++) {
    const line = lineText(text, lines, k);
    if (isBlankOrComment(line)) continue;
    const ind = indentOf(line);
    if (ind > indent || (ownsItems && ind === indent && isItem(line, ind))) blank[k] = 1;
    else break;
  }
  return true;
}

/** The text with the blanked lines' characters (not their line breaks) replaced by spaces. */
function blanked(text: string, lines: number[], blank: Uint8Array): string {
  let out = '';
  let from = 0;
  for (let n = 0; n < lines.length; n++) {
    if (!blank[n]) continue;
    const line = lineText(text, lines, n);
    out += text.slice(from, lines[n]) + ' '.repeat(line.length);
    from = lines[n] + line.length;
  }
  return out + text.slice(from);
}
