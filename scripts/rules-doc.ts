// Prints docs/rules.md, the rule catalog, from the rule registry (the registry is the source of truth).
// Usage: node --import tsx scripts/rules-doc.ts > docs/rules.md   (test/unit/rules-doc.test.ts checks it is current)
import { DOC_RULES, WORKSPACE_RULES } from '../server/src/core/rules';

export function rulesDoc(): string {
  const row = (r: { code: string; severity: string; description: string }, scope: string) =>
    `| \`${r.code}\` | ${r.severity} | ${scope} | ${r.description.replace(/\|/g, '\\|').replace(/\n/g, ' ')} |`;
  const rows = [
    ...DOC_RULES.map((r) => ({ r, scope: r.kinds === '*' ? 'any kind' : r.kinds.join(', ') })),
    ...WORKSPACE_RULES.map((r) => ({ r, scope: 'cross-resource' })),
  ].sort((a, b) => a.r.code.localeCompare(b.r.code));
  return [
    '# Rule catalog',
    '',
    'Generated from `server/src/core/rules/index.ts` by `node --import tsx scripts/rules-doc.ts > docs/rules.md`.',
    'Severity: error = the API server or kubectl rejects it; warning = accepted but breaks identity, storage or DNS; info = advice.',
    'Every code can be re-levelled or turned off with the `statefulset.rules` setting (CLI: `--rule code=off`),',
    'or silenced for one line with `# statefulset-lint-disable-next-line <code>`.',
    'YAML problems have their own codes: `yaml-syntax`, `yaml-duplicate-key`, `yaml-alias-limit`, `yaml-too-deep`, `yaml-too-large` (a document with too many nodes); size limits: `file-too-large`, `too-many-documents`, `file-binary`; a rule that fails reports `internal-error`.',
    '',
    `${rows.length} rules.`,
    '',
    '| code | severity | applies to | what it checks |',
    '| --- | --- | --- | --- |',
    ...rows.map(({ r, scope }) => row(r, scope)),
    '',
  ].join('\n');
}

if (require.main === module) process.stdout.write(rulesDoc());
