// The language server as a library: capability negotiation and the routing table from LSP requests to the core.
import {
  CodeActionKind, DidChangeConfigurationNotification, ErrorCodes, ResponseError, DidChangeWatchedFilesNotification, DocumentDiagnosticReportKind, FileChangeType,
  TextDocumentSyncKind, type ClientCapabilities, type Connection, type InitializeParams, type InitializeResult,
} from 'vscode-languageserver/node';
import { codeActions } from '../core/features/codeActions';
import { codeLenses } from '../core/features/codelens';
import { completionList } from '../core/features/completion';
import { hover } from '../core/features/hover';
import { inlayHints, notesPending, placeNotes } from '../core/features/inlay';
import { definition, highlights, prepareRename, references, rename, renameProblem } from '../core/features/navigation';
import { GENERATED_RESOURCES_COMMAND, MAX_VIEW_SETS, generatedResources } from '../core/features/generated';
import { documentSymbols, prepareSymbol, symbolsPending, workspaceSymbols } from '../core/features/symbols';
import {
  toCodeAction, toCodeLens, toCompletionItem, toDocumentHighlight, toDocumentSymbol, toHover, toInlayHint, toLocation, toOffset, toRange, toSpan,
  toWorkspaceEdit, toWorkspaceSymbol,
} from './convert';
import { guarded, guardedNotify } from './guard';
import { Workspace } from './workspace';
import { SettingsSource } from './settings';

/** The VS Code client's command that opens the generated pods and PVCs of (uri, StatefulSet name). */
const SHOW_GENERATED_LINK = 'statefulset.showGenerated';

export interface ServerOptions {
  /** Extra log sink (tests, the CLI); the connection console is always used. */
  log?: (message: string) => void;
}

export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const log = (m: string) => {
    connection.console.log(m);
    options.log?.(m);
  };
  let caps: ClientCapabilities = {};
  /** Client commands the client lets hovers link to (initializationOptions.commandLinks). */
  let commandLinks = new Set<string>();
  let ws: Workspace | undefined;
  let settings: SettingsSource | undefined;

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    caps = params.capabilities ?? {};
    const links = (params.initializationOptions as { commandLinks?: unknown } | null | undefined)?.commandLinks;
    commandLinks = new Set(Array.isArray(links) ? links.filter((l): l is string => typeof l === 'string') : []);
    const td = caps.textDocument ?? {};
    const pull = !!td.diagnostic;
    const inlay = !!td.inlayHint;
    settings = new SettingsSource(connection, caps, params.initializationOptions, log);
    const folders = (params.workspaceFolders ?? []).map((f) => f.uri);
    if (!folders.length && params.rootUri) folders.push(params.rootUri);
    ws = new Workspace(connection, {
      pull,
      pullRefresh: !!caps.workspace?.diagnostics?.refreshSupport,
      progress: !!caps.window?.workDoneProgress,
      inlayRefresh: !!caps.workspace?.inlayHint?.refreshSupport,
      codeLensRefresh: !!caps.workspace?.codeLens?.refreshSupport,
      versionSupport: !!td.publishDiagnostics?.versionSupport,
      folders,
    }, settings.initial(), log);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        documentSymbolProvider: { label: 'StatefulSet' },
        workspaceSymbolProvider: true,
        executeCommandProvider: { commands: [GENERATED_RESOURCES_COMMAND] },
        documentHighlightProvider: true,
        ...(inlay ? { inlayHintProvider: { resolveProvider: false } } : { codeLensProvider: { resolveProvider: false } }),
        completionProvider: { triggerCharacters: [':', ' ', '-', '/'], resolveProvider: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.Refactor], resolveProvider: false },
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: td.rename?.prepareSupport ? { prepareProvider: true } : true,
        ...(pull ? { diagnosticProvider: { identifier: 'statefulset', interFileDependencies: true, workspaceDiagnostics: false } } : {}),
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'statefulset-language-server', version: '0.1.0' },
    };
  });

  connection.onInitialized(guardedNotify(log, 'initialized', async () => {
    if (!ws || !settings) return;
    if (caps.workspace?.didChangeConfiguration?.dynamicRegistration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'statefulset' }).catch((e) => log(`registering configuration change failed: ${e}`));
    }
    if (caps.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      // YAML files for the index; git's HEAD, reflog and branch refs, so that a commit moves statefulset.baseline's HEAD.
      const watchers = ['**/*.{yaml,yml}', '**/.git/HEAD', '**/.git/logs/HEAD', '**/.git/packed-refs', '**/.git/refs/heads/**'].map((globPattern) => ({ globPattern }));
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers }).catch((e) => log(`registering file watcher failed: ${e}`));
    }
    if (caps.workspace?.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(guardedNotify(log, 'didChangeWorkspaceFolders', (e) => ws?.foldersChanged(e.added.map((f) => f.uri), e.removed.map((f) => f.uri))));
    }
    const loaded = settings.load((late) => ws?.applySettings(late));
    ws.settingsPending(loaded);
    ws.applySettings(await loaded);
    await ws.indexWorkspace();
  }));

  // Document sync: the Workspace applies changes and schedules analysis; it never blocks the queue.
  connection.onDidOpenTextDocument(guardedNotify(log, 'didOpen', (p) => ws?.open(p.textDocument.uri, p.textDocument.languageId, p.textDocument.version, p.textDocument.text)));
  connection.onDidChangeTextDocument(guardedNotify(log, 'didChange', (p) => ws?.change(p.textDocument.uri, p.textDocument.version, p.contentChanges)));
  connection.onDidCloseTextDocument(guardedNotify(log, 'didClose', (p) => ws?.close(p.textDocument.uri)));
  connection.onDidSaveTextDocument(guardedNotify(log, 'didSave', (p) => ws?.saved(p.textDocument.uri)));
  connection.onDidChangeWatchedFiles(guardedNotify(log, 'didChangeWatchedFiles', (p) => ws?.filesChanged(p.changes.map((c) => ({ uri: c.uri, deleted: c.type === FileChangeType.Deleted })))));
  connection.onDidChangeConfiguration(guardedNotify(log, 'didChangeConfiguration', async (p) => {
    if (!ws || !settings) return;
    ws.applySettings(await settings.changed(p.settings));
  }));

  // Routing table: protocol request -> core feature (offsets) -> convert.
  // A request first waits (without blocking others) for its file's analysis in progress to reach what it
  // needs, then takes the file's model (settledModel).
  connection.onHover(guarded(log, 'hover', null, async (p) => {
    const f = await ws?.settledModel(p.textDocument.uri, 'model');
    if (!ws || !f) return null;
    const markdown = caps.textDocument?.hover?.contentFormat?.[0] !== 'plaintext';
    // A client that runs command links (ours, see client/src/generated.ts) gets one to the generated view.
    const namesLink = markdown && commandLinks.has(SHOW_GENERATED_LINK)
      ? (set: string) => `[Show generated pods and PVCs](command:${SHOW_GENERATED_LINK}?${encodeURIComponent(JSON.stringify([f.uri, set]))})`
      : undefined;
    const h = hover(ws.project, f.uri, toOffset(f.lines, p.position), { namesLink });
    return h ? toHover(h, f.lines, markdown) : null;
  }));

  connection.languages.inlayHint.on(guarded(log, 'inlayHint', [], async (p) => {
    const f = await ws?.settledModel(p.textDocument.uri, 'model');
    if (!ws || !f) return [];
    return inlayHints(ws.project, f.uri, toSpan(f.lines, p.range)).map((h) => toInlayHint(h, f.lines));
  }));

  connection.onCodeLens(guarded(log, 'codeLens', [], async (p, token) => {
    const f = await ws?.settledSlices(p.textDocument.uri, token, notesPending, placeNotes);
    if (!ws || !f) return [];
    return codeLenses(ws.project, f.uri).map((l) => toCodeLens(l, f.lines));
  }));

  connection.onDocumentSymbol(guarded(log, 'documentSymbol', [], async (p, token) => {
    const f = await ws?.settledSlices(p.textDocument.uri, token, symbolsPending, prepareSymbol);
    if (!ws || !f) return [];
    return documentSymbols(ws.project, f.uri).map((s) => toDocumentSymbol(s, f.lines));
  }));

  connection.onWorkspaceSymbol(guarded(log, 'workspaceSymbol', [], async (p) => {
    if (!ws) return [];
    await ws.settledAll();
    return workspaceSymbols(ws.project, p.query ?? '').flatMap((s) => toWorkspaceSymbol(s, ws!.linesOf) ?? []);
  }));

  // What the StatefulSets of a file make Kubernetes create, as YAML (see core/features/generated.ts).
  // Arguments: the document's uri and, optionally, a position choosing the StatefulSet under it or the
  // name of one StatefulSet.
  connection.onExecuteCommand(guarded(log, 'executeCommand', null, async (p) => {
    if (p.command !== GENERATED_RESOURCES_COMMAND) return null;
    const [uri, pick] = p.arguments ?? [];
    if (typeof uri !== 'string') return null;
    const f = await ws?.settledModel(uri, 'model');
    if (!ws || !f) return null;
    const at = isPosition(pick) ? toOffset(f.lines, pick) : typeof pick === 'string' ? pick : undefined;
    return generatedResources(ws.project, f.uri, at, MAX_VIEW_SETS) ?? null;
  }));

  connection.onDocumentHighlight(guarded(log, 'documentHighlight', [], async (p) => {
    const f = await ws?.settledModel(p.textDocument.uri, 'model');
    if (!ws || !f) return [];
    return highlights(ws.project, f.uri, toOffset(f.lines, p.position)).map((h) => toDocumentHighlight(h, f.lines));
  }));

  connection.onCompletion(guarded(log, 'completion', [], async (p) => {
    const f = await ws?.settledModel(p.textDocument.uri, 'model');
    if (!ws || !f) return [];
    const snippetSupport = !!caps.textDocument?.completion?.completionItem?.snippetSupport;
    const list = completionList(ws.project, f.uri, toOffset(f.lines, p.position), { snippetSupport });
    const items = list.items.map((c, i) => toCompletionItem(c, f.lines, i));
    // A capped list (large workspaces) makes the client ask again as the user types instead of filtering a partial list.
    return list.isIncomplete ? { isIncomplete: true, items } : items;
  }));

  connection.onCodeAction(guarded(log, 'codeAction', [], async (p) => {
    const f = await ws?.settledModel(p.textDocument.uri, 'findings');
    if (!ws || !f) return [];
    const span = toSpan(f.lines, p.range);
    const all = ws.findings(f.uri);
    const findings = all.filter((x) => x.start <= span.end && x.end >= span.start);
    let actions = codeActions(ws.project, f.uri, span, findings, all);
    const only = p.context.only;
    if (only?.length) actions = actions.filter((a) => only.some((k) => (a.kind === 'quickfix' ? CodeActionKind.QuickFix : CodeActionKind.Refactor).startsWith(k)));
    return actions.map((a) => toCodeAction(a, p.context.diagnostics, ws!.linesOf));
  }));

  connection.onDefinition(guarded(log, 'definition', [], async (p) => {
    const f = await ws?.settledModel(p.textDocument.uri, 'model');
    if (!ws || !f) return [];
    return definition(ws.project, f.uri, toOffset(f.lines, p.position)).map((l) => toLocation(l, ws!.linesOf)).filter((l) => !!l);
  }));

  connection.onReferences(guarded(log, 'references', [], async (p) => {
    const f = await ws?.settledModel(p.textDocument.uri, 'model');
    if (!ws || !f) return [];
    return references(ws.project, f.uri, toOffset(f.lines, p.position), !!p.context?.includeDeclaration).map((l) => toLocation(l, ws!.linesOf)).filter((l) => !!l);
  }));

  connection.onPrepareRename(guarded(log, 'prepareRename', null, async (p) => {
    const f = await ws?.settledModel(p.textDocument.uri, 'model');
    if (!ws || !f) return null;
    const r = prepareRename(ws.project, f.uri, toOffset(f.lines, p.position));
    return r ? { range: toRange(f.lines, r), placeholder: r.placeholder } : null;
  }));

  connection.onRenameRequest(guarded(log, 'rename', null, async (p) => {
    const f = await ws?.settledModel(p.textDocument.uri, 'edits');
    if (!ws || !f) return null;
    const problem = renameProblem(ws.project, f.uri, toOffset(f.lines, p.position), p.newName);
    // An error response: the editor shows the reason and leaves the files alone.
    if (problem) return new ResponseError(ErrorCodes.InvalidParams, problem);
    const edits = rename(ws.project, f.uri, toOffset(f.lines, p.position), p.newName);
    return edits.length ? toWorkspaceEdit(edits, ws.linesOf) : null;
  }));

  connection.languages.diagnostics.on(guarded(log, 'diagnostic', { kind: DocumentDiagnosticReportKind.Full, items: [] }, async (p) => {
    if (!ws) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    return ws.pull(p.textDocument.uri, p.previousResultId);
  }));

  connection.onShutdown(() => ws?.dispose());
  connection.listen();
}

function isPosition(p: unknown): p is { line: number; character: number } {
  const o = p as { line?: unknown; character?: unknown } | null;
  return !!o && typeof o === 'object' && Number.isInteger(o.line) && Number.isInteger(o.character) && (o.line as number) >= 0 && (o.character as number) >= 0;
}
