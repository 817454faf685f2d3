// Turns the yaml parser's syntax errors into plain-language hints for common authoring mistakes, on the line of the mistake.
//
// The parser reports what it saw (`Implicit keys need to be on a single line`), often on the line
// after the real mistake and several times per line. Authors copying from notes make a few mistakes
// over and over (a `...` placeholder, `- /` for `- |`, a key without its colon, tabs, `key:value`);
// naming them saves a trip to the YAML spec. The parser's wording is kept in parentheses.
import type { ParseProblem } from './parse';

interface Line {
  start: number;
  text: string;
  indent: number;
  /** Blank or comment-only. */
  blank: boolean;
}

interface Hint {
  line: number;
  /** Offsets (document-relative) of the token to underline. */
  start: number;
  end: number;
  message: string;
  /** Syntax problems on lines after `line` up to this one are the same mistake's cascade. */
  until: number;
}

/**
 * Keeps at most one `yaml-syntax` problem per line (the first) and rewrites the ones a hint explains.
 * Other codes (duplicate keys, limits) pass through unchanged. Returns `problems` itself when there is
 * no syntax problem, so the common case costs nothing.
 */
export function refineSyntaxProblems(text: string, problems: ParseProblem[]): ParseProblem[] {
  if (!problems.some((p) => p.code === 'yaml-syntax')) return problems;
  const lines = splitLines(text);
  const lineOf = (offset: number): number => {
    let lo = 0;
    let hi = lines.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lines[mid].start <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const out: ParseProblem[] = [];
  const usedLines = new Set<number>();
  let cascadeUntil = -1;
  for (const p of problems) {
    if (p.code !== 'yaml-syntax') {
      out.push(p);
      continue;
    }
    const line = lineOf(p.start);
    if (line <= cascadeUntil || usedLines.has(line)) continue;
    const hint = hintFor(lines, line);
    if (!hint) {
      usedLines.add(line);
      out.push(p);
      continue;
    }
    if (usedLines.has(hint.line)) continue;
    usedLines.add(hint.line);
    usedLines.add(line);
    cascadeUntil = Math.max(cascadeUntil, hint.until);
    out.push({ ...p, start: hint.start, end: hint.end, message: `${hint.message} (YAML parser: ${p.message})` });
  }
  return out;
}

function splitLines(text: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    const raw = text.slice(start, nl < 0 ? text.length : nl).replace(/\r$/, '');
    const indent = raw.length - raw.replace(/^[ \t]*/, '').length;
    const rest = raw.slice(indent);
    out.push({ start, text: raw, indent, blank: rest === '' || rest.startsWith('#') });
    if (nl < 0) return out;
    start = nl + 1;
  }
}

const DOTS = /^\.\.\.(?=\s|$)/;
const SLASH_ITEM = /^(?:- +|[\w.-]+: +)([/\\])[ \t]*(?:#.*)?$/;
const BARE_KEY = /^(?:- +)?([A-Za-z_][\w.-]*)[ \t]*(?:#.*)?$/;
const NO_SPACE = /^(?:- +)?([A-Za-z_][\w.-]*):([^\s/:][^\s]*)/;

function hintFor(lines: Line[], n: number): Hint | undefined {
  const l = lines[n];
  const body = l.text.slice(l.indent);
  const at = (line: number, from: number, len: number): Pick<Hint, 'line' | 'start' | 'end'> => ({ line, start: lines[line].start + from, end: lines[line].start + from + Math.max(1, len) });

  // Tabs: the parser says so already; say what to do instead.
  const lead = l.text.slice(0, l.indent);
  if (lead.includes('\t')) {
    return { ...at(n, lead.indexOf('\t'), 1), message: 'Tab used for indentation: YAML indents with spaces only; replace the tab with spaces', until: n };
  }
  // `...` inside a document (at column 0 it ends the document and is split off before parsing).
  if (DOTS.test(body) && l.indent > 0) {
    return { ...at(n, l.indent, 3), message: '"..." is not a placeholder in YAML: inside a document it is read as a plain value that breaks the mapping (at column 0 it ends the document); delete the line or comment it out ("# ...")', until: n };
  }
  // `- /` (or `key: /`) followed by script lines: a block scalar `|` was meant.
  const prev = previousCode(lines, n);
  if (prev >= 0 && l.indent >= lines[prev].indent) {
    const pl = lines[prev];
    const m = SLASH_ITEM.exec(pl.text.slice(pl.indent));
    if (m) {
      const col = pl.text.lastIndexOf(m[1], pl.text.indexOf('#') >= 0 ? pl.text.indexOf('#') : pl.text.length);
      const dash = pl.text.slice(pl.indent).startsWith('-');
      return {
        ...at(prev, col, 1),
        message: `"${m[1]}" is not a block scalar indicator: to write the multi-line script below use "${dash ? '- |' : '|'}" (keeps newlines) or ">" (folds them), with the script indented under it; as written, its lines are read as YAML`,
        until: blockEnd(lines, prev, (x) => (dash ? x.indent < pl.indent : x.indent <= pl.indent)),
      };
    }
  }
  // A key without its colon: `containers` followed by an indented block or a `- ` list.
  const key = bareKeyLine(lines, n) ?? (prev >= 0 ? bareKeyLine(lines, prev) : undefined);
  if (key) {
    const kl = lines[key.line];
    return {
      ...at(key.line, kl.text.indexOf(key.name, kl.indent), key.name.length),
      message: `"${key.name}" has no colon: write "${key.name}:" so that the block below becomes its value`,
      until: blockEnd(lines, key.line, (x) => x.indent < kl.indent || (x.indent === kl.indent && !x.text.slice(x.indent).startsWith('-'))),
    };
  }
  // `image:nginx`: no space after the colon, so it is one plain string, not a key and a value.
  const ns = NO_SPACE.exec(body);
  if (ns && !/^(?:https?|ftp|file|s3|gs)$/i.test(ns[1])) {
    return { ...at(n, l.indent + body.indexOf(':'), 1), message: `"${ns[1]}:${ns[2]}" is one plain string, not a key and a value: YAML needs a space after the colon ("${ns[1]}: ${ns[2]}")`, until: n };
  }
  return undefined;
}

function previousCode(lines: Line[], n: number): number {
  for (let i = n - 1; i >= 0; i--) if (!lines[i].blank) return i;
  return -1;
}

function nextCode(lines: Line[], n: number): number {
  for (let i = n + 1; i < lines.length; i++) if (!lines[i].blank) return i;
  return -1;
}

/** The line `n` when it is a lone word (no colon) and the next code line is its would-be value. */
function bareKeyLine(lines: Line[], n: number): { line: number; name: string } | undefined {
  const l = lines[n];
  const m = BARE_KEY.exec(l.text.slice(l.indent));
  if (!m || m[1] === '...') return undefined;
  const next = nextCode(lines, n);
  if (next < 0) return undefined;
  const nl = lines[next];
  const isItem = nl.text.slice(nl.indent).startsWith('- ') || nl.text.slice(nl.indent) === '-';
  if (nl.indent > l.indent || (isItem && nl.indent === l.indent && !l.text.slice(l.indent).startsWith('-'))) return { line: n, name: m[1] };
  return undefined;
}

/** Last line of the block that starts after `from` and runs until a code line for which `ends` holds. */
function blockEnd(lines: Line[], from: number, ends: (l: Line) => boolean): number {
  let last = from;
  for (let i = from + 1; i < lines.length; i++) {
    if (lines[i].blank) continue;
    if (ends(lines[i])) break;
    last = i;
  }
  return last;
}
