// Completion: schema field names, enum values and workspace references at an offset (pure core).
import type { Project } from '../project';

export interface CompletionEntry {
  label: string;
  kind: 'field' | 'value' | 'reference' | 'snippet';
  detail?: string;
  documentation?: string;
  insertText: string;
  isSnippet: boolean;
  /** File span the insertText replaces (defaults to the word at the offset). */
  replace?: { start: number; end: number };
}

export function completion(project: Project, uri: string, offset: number, opts: { snippetSupport: boolean }): CompletionEntry[] {
  void project; void uri; void offset; void opts;
  return [];
}
