// Values outside a field's allowed set (podManagementPolicy, imagePullPolicy, protocol, accessModes...), with the allowed list.
import { KNOWN_KINDS } from '../model';
import { getIn } from '../nodes';
import type { DocRule } from '../rule';
import { suggest } from '../schema/suggest';
import { schemaSubject, sourceText } from '../schema/support';
import { validateDocument } from '../schema/validate';
import type { Fix } from '../types';

export const invalidEnum: DocRule = {
  code: 'invalid-enum',
  severity: 'error',
  description: 'A value that is not one of the values the field allows (values are case-sensitive): the API server rejects it.',
  kinds: KNOWN_KINDS,
  check(resource, ctx) {
    // After a syntax error: the document with its broken lines blanked (support.ts).
    const subject = schemaSubject(resource, ctx.settings.limits);
    if (!subject) return;
    const { kind, r } = subject;
    for (const p of validateDocument(kind, r.value!)) {
      if (p.code !== 'invalid-enum') continue;
      const field = [...p.path].reverse().find((s) => typeof s === 'string') ?? 'value';
      const allowed = p.allowed.map((a) => (a === '' ? '"" (empty)' : `"${a}"`)).join(', ');
      const node = getIn(r.root, p.path);
      const s = typeof p.value === 'string' ? suggest(p.value, p.allowed.filter((a) => a !== '')) : { names: [], confident: false };
      const span = ctx.span(r, node);
      const text = sourceText(r, node);
      const quote = text && /^["']/.test(text) ? text[0] : '';
      const fixes: Fix[] = span
        ? s.names.map((n) => ({ title: `Change to "${n}"`, edits: [{ uri: r.uri, ...span, newText: quote + n + quote }], ...(s.confident ? { isPreferred: true } : {}) }))
        : [];
      const hint = s.names.length ? ` Did you mean "${s.names[0]}"?` : '';
      ctx.report(r, { path: p.path, message: `Unsupported value ${JSON.stringify(p.value)} for "${field}": must be one of ${allowed}.${hint}`, fixes });
    }
  },
};
