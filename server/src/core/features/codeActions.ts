// Code actions: the fixes rules attached to findings in a range, plus a few refactors (pure core).
import type { Project } from '../project';
import type { Finding, TextEdit } from '../types';

export interface CodeActionEntry {
  title: string;
  kind: 'quickfix' | 'refactor';
  isPreferred?: boolean;
  edits: TextEdit[];
  createFiles?: { uri: string; text: string }[];
  /** Codes of the findings this action resolves (empty for refactors). */
  findingCodes: string[];
}

export function codeActions(project: Project, uri: string, range: { start: number; end: number }, findings: Finding[]): CodeActionEntry[] {
  void project; void uri; void range; void findings;
  return [];
}
