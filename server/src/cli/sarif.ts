// Findings -> SARIF 2.1.0 (GitHub code scanning and other SARIF viewers), rules described from the registry.
import { DOC_RULES, WORKSPACE_RULES } from '../core/rules';
import type { Severity } from '../core/types';
import type { Located } from './output';

/** Codes the core reports itself (parse and file limits), which have no rule module. */
const CORE_CODES: Record<string, { severity: Severity; description: string }> = {
  'yaml-syntax': { severity: 'error', description: 'The file is not valid YAML at this point.' },
  'yaml-duplicate-key': { severity: 'error', description: 'A mapping repeats a key; the API server rejects the manifest.' },
  'yaml-too-deep': { severity: 'error', description: 'The document nests too deeply to be analysed.' },
  'yaml-alias-limit': { severity: 'error', description: 'YAML aliases expand to too many nodes to be analysed.' },
  'file-too-large': { severity: 'info', description: 'The file is larger than the size limit and was not analysed.' },
  'file-binary': { severity: 'info', description: 'The file looks binary and was not analysed.' },
  'too-many-documents': { severity: 'info', description: 'The file has more documents than the limit; the rest was not analysed.' },
  'internal-error': { severity: 'info', description: 'A rule failed on a document and was skipped.' },
};

const LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note' };

interface RuleInfo {
  id: string;
  severity: Severity;
  description: string;
}

function ruleCatalog(): RuleInfo[] {
  const seen = new Map<string, RuleInfo>();
  for (const r of [...DOC_RULES, ...WORKSPACE_RULES]) if (!seen.has(r.code)) seen.set(r.code, { id: r.code, severity: r.severity, description: r.description });
  for (const [id, c] of Object.entries(CORE_CODES)) if (!seen.has(id)) seen.set(id, { id, ...c });
  return [...seen.values()].sort((a, b) => a.id.localeCompare(b.id));
}

/** A SARIF log with one run; file paths are relative to the working directory (%SRCROOT%). */
export function toSarif(found: readonly Located[], version: string, cwdUri: string): object {
  const rules = ruleCatalog();
  for (const l of found) {
    if (!rules.some((r) => r.id === l.finding.code)) rules.push({ id: l.finding.code, severity: l.finding.severity, description: l.finding.code });
  }
  const index = new Map(rules.map((r, i) => [r.id, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'statefulset-lint',
            version,
            semanticVersion: version,
            rules: rules.map((r) => ({
              id: r.id,
              name: r.id,
              shortDescription: { text: r.description },
              fullDescription: { text: r.description },
              defaultConfiguration: { level: LEVEL[r.severity] },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: cwdUri.endsWith('/') ? cwdUri : cwdUri + '/' } },
        columnKind: 'utf16CodeUnits',
        results: found.map((l) => ({
          ruleId: l.finding.code,
          ruleIndex: index.get(l.finding.code),
          level: LEVEL[l.finding.severity],
          message: { text: l.finding.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: l.file === '<stdin>' ? { uri: 'stdin' } : { uri: encodeURI(l.file.split('\\').join('/')), uriBaseId: '%SRCROOT%' },
                region: {
                  startLine: l.start.line + 1,
                  startColumn: l.start.character + 1,
                  endLine: l.end.line + 1,
                  endColumn: l.end.character + 1,
                },
              },
            },
          ],
        })),
      },
    ],
  };
}
