// The only place that converts core offsets <-> LSP positions and core results -> protocol types.
import {
  CodeActionKind, DiagnosticSeverity, DiagnosticTag, DocumentHighlightKind, InlayHintKind, MarkupKind, SymbolKind,
  type CodeAction, type CodeLens, type CompletionItem, type Diagnostic, type DocumentHighlight, type DocumentSymbol, type Hover,
  type InlayHint, type Location as LspLocation, type Position, type Range, type TextEdit as LspTextEdit, type WorkspaceEdit, type SymbolInformation,
} from 'vscode-languageserver/node';
import { CompletionItemKind, InsertTextFormat } from 'vscode-languageserver/node';
import type { LineIndex } from '../core/text';
import type { Finding, Span, TextEdit } from '../core/types';
import type { HoverResult } from '../core/features/hover';
import type { InlayEntry } from '../core/features/inlay';
import type { LensEntry } from '../core/features/codelens';
import type { SymbolEntry, WorkspaceSymbolEntry } from '../core/features/symbols';
import type { CompletionEntry } from '../core/features/completion';
import type { CodeActionEntry } from '../core/features/codeActions';
import type { Highlight } from '../core/features/navigation';

export const SOURCE = 'statefulset';

/** Lines of any file the server knows (open or indexed), for converting other files' offsets. */
export type LinesOf = (uri: string) => LineIndex | undefined;

export function toPosition(lines: LineIndex, offset: number): Position {
  return lines.positionAt(offset);
}

export function toOffset(lines: LineIndex, pos: Position): number {
  return lines.offsetAt(pos);
}

export function toRange(lines: LineIndex, span: Span): Range {
  return { start: lines.positionAt(span.start), end: lines.positionAt(Math.max(span.start, span.end)) };
}

export function toSpan(lines: LineIndex, range: Range): Span {
  const start = lines.offsetAt(range.start);
  return { start, end: Math.max(start, lines.offsetAt(range.end)) };
}

const SEVERITY: Record<Finding['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** Base of the rule documentation links (codeDescription); undefined leaves them out. */
export const RULE_DOCS_BASE: string | undefined = undefined;

export function toDiagnostic(f: Finding, lines: LineIndex, linesOf: LinesOf): Diagnostic {
  const d: Diagnostic = {
    range: toRange(lines, f),
    severity: SEVERITY[f.severity] ?? DiagnosticSeverity.Warning,
    code: f.code,
    source: SOURCE,
    message: f.message,
  };
  if (RULE_DOCS_BASE) d.codeDescription = { href: `${RULE_DOCS_BASE}#${f.code}` };
  if (f.tags?.length) d.tags = f.tags.map((t) => (t === 'deprecated' ? DiagnosticTag.Deprecated : DiagnosticTag.Unnecessary));
  if (f.related?.length) {
    const rel = [];
    for (const r of f.related) {
      const l = r.uri === f.uri ? lines : linesOf(r.uri);
      if (l) rel.push({ location: { uri: r.uri, range: toRange(l, r) }, message: r.message });
    }
    if (rel.length) d.relatedInformation = rel;
  }
  return d;
}

export function toHover(h: HoverResult, lines: LineIndex, markdown: boolean): Hover {
  return {
    contents: markdown ? { kind: MarkupKind.Markdown, value: h.markdown } : { kind: MarkupKind.PlainText, value: stripMarkdown(h.markdown) },
    range: toRange(lines, h),
  };
}

/** Plain-text rendering of our own small markdown (tables, code spans, bold). */
function stripMarkdown(md: string): string {
  return md
    .split('\n')
    .filter((l) => !/^\s*\|?\s*:?-{3,}/.test(l))
    .map((l) => l.replace(/^\|\s*|\s*\|$/g, '').replace(/\s*\|\s*/g, '  ').replace(/[`*]/g, ''))
    .join('\n');
}

export function toInlayHint(h: InlayEntry, lines: LineIndex): InlayHint {
  return {
    position: toPosition(lines, h.offset),
    label: h.label,
    kind: InlayHintKind.Type,
    paddingLeft: true,
    ...(h.tooltip ? { tooltip: { kind: MarkupKind.Markdown, value: h.tooltip } } : {}),
  };
}

export function toCodeLens(l: LensEntry, lines: LineIndex): CodeLens {
  // A command with an empty id renders as a plain label in clients that show lenses.
  return { range: toRange(lines, l), command: { title: l.title, command: '' } };
}

const SYMBOL_KIND: Record<SymbolEntry['kind'], SymbolKind> = {
  resource: SymbolKind.Class,
  container: SymbolKind.Object,
  claim: SymbolKind.Field,
  port: SymbolKind.Property,
  key: SymbolKind.Key,
};

export function toDocumentSymbol(s: SymbolEntry, lines: LineIndex): DocumentSymbol {
  const range = toRange(lines, s);
  const sel = toRange(lines, { start: s.selectionStart, end: s.selectionEnd });
  return {
    name: s.name || '(unnamed)',
    ...(s.detail ? { detail: s.detail } : {}),
    kind: SYMBOL_KIND[s.kind] ?? SymbolKind.Object,
    range,
    // The protocol requires the selection range to lie inside the full range.
    selectionRange: contains(range, sel) ? sel : { start: range.start, end: range.start },
    children: s.children.map((c) => toDocumentSymbol(c, lines)),
  };
}

export function toDocumentHighlight(h: Highlight, lines: LineIndex): DocumentHighlight {
  return { range: toRange(lines, h), kind: h.write ? DocumentHighlightKind.Write : DocumentHighlightKind.Read };
}

export function toWorkspaceSymbol(s: WorkspaceSymbolEntry, linesOf: LinesOf): SymbolInformation | undefined {
  const location = toLocation(s, linesOf);
  return location && { name: s.name, kind: SymbolKind.Class, containerName: s.container, location };
}

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

function contains(outer: Range, inner: Range): boolean {
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

const COMPLETION_KIND: Record<CompletionEntry['kind'], CompletionItemKind> = {
  field: CompletionItemKind.Field,
  value: CompletionItemKind.EnumMember,
  reference: CompletionItemKind.Reference,
  snippet: CompletionItemKind.Snippet,
};

export function toCompletionItem(c: CompletionEntry, lines: LineIndex, sortIndex: number): CompletionItem {
  const item: CompletionItem = {
    label: c.label,
    kind: COMPLETION_KIND[c.kind] ?? CompletionItemKind.Text,
    sortText: String(sortIndex).padStart(5, '0'),
    insertTextFormat: c.isSnippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
  };
  if (c.detail) item.detail = c.detail;
  if (c.documentation) item.documentation = { kind: MarkupKind.Markdown, value: c.documentation };
  if (c.replace) item.textEdit = { range: toRange(lines, c.replace), newText: c.insertText };
  else item.insertText = c.insertText;
  return item;
}

/** Groups core edits by file into LSP text edits; files whose lines are unknown are skipped. */
export function toWorkspaceEdit(edits: TextEdit[], linesOf: LinesOf, createFiles?: { uri: string; text: string }[]): WorkspaceEdit {
  const byUri = new Map<string, LspTextEdit[]>();
  for (const e of edits) {
    const lines = linesOf(e.uri);
    if (!lines) continue;
    const list = byUri.get(e.uri) ?? [];
    list.push({ range: toRange(lines, e), newText: e.newText });
    byUri.set(e.uri, list);
  }
  if (!createFiles?.length) return { changes: Object.fromEntries(byUri) };
  const documentChanges: NonNullable<WorkspaceEdit['documentChanges']> = [];
  for (const f of createFiles) {
    documentChanges.push({ kind: 'create', uri: f.uri, options: { ignoreIfExists: true } });
    documentChanges.push({ textDocument: { uri: f.uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: f.text }] });
  }
  for (const [uri, list] of byUri) documentChanges.push({ textDocument: { uri, version: null }, edits: list });
  return { documentChanges };
}

export function toCodeAction(a: CodeActionEntry, diagnostics: Diagnostic[], linesOf: LinesOf): CodeAction {
  const related = diagnostics.filter((d) => typeof d.code === 'string' && a.findingCodes.includes(d.code));
  return {
    title: a.title,
    kind: a.kind === 'quickfix' ? CodeActionKind.QuickFix : CodeActionKind.Refactor,
    ...(a.isPreferred ? { isPreferred: true } : {}),
    ...(related.length ? { diagnostics: related } : {}),
    edit: toWorkspaceEdit(a.edits, linesOf, a.createFiles),
  };
}

export function toLocation(l: { uri: string; start: number; end: number }, linesOf: LinesOf): LspLocation | undefined {
  const lines = linesOf(l.uri);
  return lines ? { uri: l.uri, range: toRange(lines, l) } : undefined;
}
