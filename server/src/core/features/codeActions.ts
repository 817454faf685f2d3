// Code actions: the fixes rules attached to findings in a range, "fix all" of a kind, and a few refactors (pure core).
// Rules write their own fixes; this module only collects, deduplicates and combines them.
import type { Project } from '../project';
import type { Finding, Fix, TextEdit } from '../types';
import { refactorsAt } from './refactors';

export interface CodeActionEntry {
  title: string;
  kind: 'quickfix' | 'refactor';
  isPreferred?: boolean;
  edits: TextEdit[];
  createFiles?: { uri: string; text: string }[];
  /** Codes of the findings this action resolves (empty for pure refactors). */
  findingCodes: string[];
}

/**
 * Actions for `range`, given the `findings` there. `fileFindings`: every finding of the file at its current
 * version, when the caller has them (the server caches them per version); otherwise they are computed,
 * cross-resource rules included, which on a large file costs far more than the rest. They restore fixes a
 * caller may have dropped (e.g. findings rebuilt from protocol diagnostics) and feed "fix all".
 */
export function codeActions(project: Project, uri: string, range: { start: number; end: number }, findings: Finding[], fileFindings?: readonly Finding[]): CodeActionEntry[] {
  const current = fileFindings ?? (project.getFile(uri) ? project.findings(uri) : []);
  const fixesOf = (f: Finding): Fix[] => f.fixes ?? current.find((c) => c.code === f.code && c.start === f.start && c.end === f.end && c.message === f.message)?.fixes ?? [];

  const out: CodeActionEntry[] = [];
  const byKey = new Map<string, CodeActionEntry>();
  const here = findings.filter((f) => (f.uri ?? uri) === uri && f.start <= range.end && f.end >= range.start);
  for (const f of here) {
    for (const fix of fixesOf(f)) {
      const key = fixKey(fix);
      const known = byKey.get(key);
      if (known) {
        if (!known.findingCodes.includes(f.code)) known.findingCodes.push(f.code);
        continue;
      }
      const entry: CodeActionEntry = {
        title: fix.title,
        kind: 'quickfix',
        ...(fix.isPreferred ? { isPreferred: true } : {}),
        edits: fix.edits,
        ...(fix.createFiles?.length ? { createFiles: fix.createFiles } : {}),
        findingCodes: [f.code],
      };
      byKey.set(key, entry);
      out.push(entry);
    }
  }

  for (const code of new Set(here.map((f) => f.code))) {
    const all = fixAll(code, current.length ? current : findings.filter((f) => (f.uri ?? uri) === uri), fixesOf);
    if (all) out.push(all);
  }

  for (const r of refactorsAt(project, uri, range, here, current)) {
    // A rule's fix already doing the same edit wins: it says which problem it solves.
    if (byKey.has(fixKey(r))) continue;
    out.push(r);
  }
  return out;
}

/** Identity of a fix by what it does: two findings offering the same edit get one action. */
function fixKey(fix: Pick<Fix, 'edits' | 'createFiles'>): string {
  return JSON.stringify([fix.edits.map((e) => [e.uri, e.start, e.end, e.newText]), fix.createFiles ?? []]);
}

/**
 * One action applying the fix of every finding of `code` in the file, offered only when it is safe:
 * each finding has exactly one fix or one preferred fix, no fix creates files, and no two edits overlap.
 */
function fixAll(code: string, fileFindings: readonly Finding[], fixesOf: (f: Finding) => Fix[]): CodeActionEntry | undefined {
  const same = fileFindings.filter((f) => f.code === code);
  if (same.length < 2) return undefined;
  const edits: TextEdit[] = [];
  const seen = new Set<string>();
  for (const f of same) {
    const fixes = fixesOf(f);
    const preferred = fixes.filter((x) => x.isPreferred);
    const fix = fixes.length === 1 ? fixes[0] : preferred.length === 1 ? preferred[0] : undefined;
    if (!fix || fix.createFiles?.length) return undefined;
    for (const e of fix.edits) {
      const k = `${e.uri}\u0000${e.start}\u0000${e.end}\u0000${e.newText}`;
      if (seen.has(k)) continue;
      seen.add(k);
      edits.push(e);
    }
  }
  edits.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.start - b.start || a.end - b.end));
  for (let i = 1; i < edits.length; i++) {
    const a = edits[i - 1];
    const b = edits[i];
    // Two inserts at one point, or any overlap, would depend on application order: not safe.
    if (a.uri === b.uri && (b.start < a.end || (b.start === a.start && a.start === a.end))) return undefined;
  }
  return { title: `Fix all '${code}' problems in this file (${same.length})`, kind: 'quickfix', edits, findingCodes: [code] };
}
