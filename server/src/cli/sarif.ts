// Findings -> SARIF 2.1.0 (GitHub code scanning and other SARIF viewers), rules described from the registry.
import { ruleCatalog } from './catalog';
import type { Severity } from '../core/types';
import type { Located } from './output';

const LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note' };

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
