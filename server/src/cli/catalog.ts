// Every finding code the checker can report, with its default severity and one-sentence description.
import { DOC_RULES, WORKSPACE_RULES } from '../core/rules';
import type { Severity } from '../core/types';

/** Codes the core reports itself (parse and file limits), which have no rule module. */
const CORE_CODES: Record<string, { severity: Severity; description: string }> = {
  'yaml-syntax': { severity: 'error', description: 'The file is not valid YAML at this point.' },
  'yaml-duplicate-key': { severity: 'error', description: 'A mapping repeats a key; the API server rejects the manifest.' },
  'yaml-too-deep': { severity: 'error', description: 'The document nests too deeply to be analysed.' },
  'yaml-too-large': { severity: 'info', description: 'A document is too large to be analysed.' },
  'yaml-alias-limit': { severity: 'error', description: 'YAML aliases expand to too many nodes to be analysed.' },
  'file-too-large': { severity: 'info', description: 'The file is larger than the size limit and was not analysed.' },
  'file-binary': { severity: 'info', description: 'The file looks binary and was not analysed.' },
  'too-many-documents': { severity: 'info', description: 'The file has more documents than the limit; the rest was not analysed.' },
  'internal-error': { severity: 'info', description: 'A rule failed on a document and was skipped.' },
};

export interface RuleInfo {
  id: string;
  severity: Severity;
  description: string;
}

export function ruleCatalog(): RuleInfo[] {
  const seen = new Map<string, RuleInfo>();
  for (const r of [...DOC_RULES, ...WORKSPACE_RULES]) if (!seen.has(r.code)) seen.set(r.code, { id: r.code, severity: r.severity, description: r.description });
  for (const [id, c] of Object.entries(CORE_CODES)) if (!seen.has(id)) seen.set(id, { id, ...c });
  return [...seen.values()].sort((a, b) => a.id.localeCompare(b.id));
}

/** The closest known code to a mistyped one (edit distance <= 3), for 'did you mean'. */
export function closestCode(code: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = 4;
  for (const k of known) {
    const d = distance(code, k);
    if (d < bestD) {
      bestD = d;
      best = k;
    }
  }
  return best;
}

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}
