// Findings -> text lines or JSON records with 1-based (text) or 0-based (JSON) line/character positions.
import type { Finding, Severity } from '../core/types';
import type { LineIndex, Position } from '../core/text';

/** A finding located in a file, ready for any output format. */
export interface Located {
  file: string;
  finding: Finding;
  start: Position;
  end: Position;
}

export interface JsonFinding {
  file: string;
  range: { start: Position; end: Position };
  severity: Severity;
  code: string;
  message: string;
}

export function locate(file: string, lines: LineIndex, finding: Finding): Located {
  return { file, finding, start: lines.positionAt(finding.start), end: lines.positionAt(finding.end) };
}

/** `file:line:col severity code message` with 1-based line and column. */
export function textLine(l: Located): string {
  const f = l.finding;
  return `${l.file}:${l.start.line + 1}:${l.start.character + 1} ${f.severity} ${f.code} ${oneLine(f.message)}`;
}

export function jsonFinding(l: Located): JsonFinding {
  return { file: l.file, range: { start: l.start, end: l.end }, severity: l.finding.severity, code: l.finding.code, message: l.finding.message };
}

export interface Counts {
  error: number;
  warning: number;
  info: number;
}

export function count(found: readonly Located[]): Counts {
  const c: Counts = { error: 0, warning: 0, info: 0 };
  for (const l of found) c[l.finding.severity]++;
  return c;
}

export function summaryLine(c: Counts, files: number, documents: number): string {
  const n = (k: number, w: string) => `${k} ${w}${k === 1 ? '' : 's'}`;
  const scope = `${n(files, 'file')}, ${n(documents, 'document')}`;
  if (!c.error && !c.warning && !c.info) return `No problems found (${scope}).`;
  return `${n(c.error, 'error')}, ${n(c.warning, 'warning')}, ${c.info} info (${scope}).`;
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ');
}
