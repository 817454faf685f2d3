// A tiny LSP client for protocol tests: spawns dist/server.js over stdio and speaks JSON-RPC to it.
// Waits are event-driven (notifications, progress) with a generous timeout that fails the test.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

/** The bundled server; $SERVER_JS overrides it (e.g. to test a packaged build). */
export const SERVER_JS = process.env.SERVER_JS || resolve(__dirname, '..', '..', '..', 'dist', 'server.js');
export const DEFAULT_TIMEOUT = 30_000;

export interface Position { line: number; character: number }
export interface Range { start: Position; end: Position }
export interface Diagnostic { range: Range; severity?: number; code?: string | number; source?: string; message: string; codeDescription?: { href: string }; tags?: number[]; relatedInformation?: unknown[]; data?: unknown }
export interface PublishedDiagnostics { uri: string; version?: number; diagnostics: Diagnostic[] }

export interface StartOptions {
  /** Merged over the default capabilities (push diagnostics, markdown hover, inlay hints, symbols, progress). */
  capabilities?: Record<string, unknown>;
  /** Settings answered to workspace/configuration for section `statefulset`; `null` = the client does not support workspace/configuration. */
  settings?: Record<string, unknown> | null;
  initializationOptions?: unknown;
  /** Absolute paths of workspace folders. */
  workspaceFolders?: string[];
  /** Turn on the client capability for pull diagnostics (textDocument/diagnostic). */
  pullDiagnostics?: boolean;
  /** Leave out the inlayHint client capability (the server should then offer code lenses). */
  noInlayHints?: boolean;
  /** Extra server arguments after --stdio. */
  args?: string[];
  /** Claim workspace/configuration support but never answer it (some editors do). */
  unansweredConfiguration?: boolean;
  /** Node options for the server process (default: $SERVER_NODE_ARGS split at spaces, e.g. for --cpu-prof). */
  nodeArgs?: string[];
}

function envNodeArgs(): string[] {
  return (process.env.SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
}

export interface ProgressEvent { token: string | number; value: { kind: 'begin' | 'report' | 'end'; title?: string; message?: string; percentage?: number } }

type Waiter<T> = { match: (x: T) => boolean; resolve: (x: T) => void };

/** file:// URI of an absolute path. */
export function fileUri(path: string): string {
  return pathToFileURL(path).href;
}

/** Position of the first occurrence of `needle` in `text` (plus `delta` characters); throws when absent. */
export function position(text: string, needle: string, delta = 0, occurrence = 0): Position {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`needle not found: ${JSON.stringify(needle)} (#${i})`);
  }
  const offset = at + delta;
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

/** A temporary directory with files written from a map of relative path -> text; removed by cleanup(). */
export function tempWorkspace(files: Record<string, string | Buffer> = {}): { dir: string; uri: (rel: string) => string; write: (rel: string, text: string | Buffer) => string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'sts-proto-'));
  const write = (rel: string, text: string | Buffer) => {
    const p = join(dir, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, text);
    return fileUri(p);
  };
  for (const [rel, text] of Object.entries(files)) write(rel, text);
  return { dir, uri: (rel) => fileUri(join(dir, rel)), write, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export class TestClient {
  readonly logs: string[] = [];
  readonly stderr: string[] = [];
  readonly progress: ProgressEvent[] = [];
  readonly registrations: { id: string; method: string; registerOptions?: unknown }[] = [];
  /** Every publishDiagnostics notification, in arrival order. */
  readonly published: PublishedDiagnostics[] = [];
  refreshRequests = 0;
  initializeResult: any;
  settings: Record<string, unknown> | null;
  private readonly versions = new Map<string, number>();
  private readonly texts = new Map<string, string>();
  private diagWaiters: Waiter<PublishedDiagnostics>[] = [];
  private progressWaiters: Waiter<ProgressEvent>[] = [];
  private logWaiters: Waiter<string>[] = [];
  private exited: Promise<number | null>;

  private constructor(readonly proc: ChildProcessWithoutNullStreams, readonly connection: MessageConnection, settings: Record<string, unknown> | null) {
    this.settings = settings;
    this.exited = new Promise((res) => proc.on('exit', (code) => res(code)));
  }

  /** Spawns the server and completes the initialize / initialized handshake. */
  static async start(opts: StartOptions = {}): Promise<TestClient> {
    const proc = spawn(process.execPath, [...(opts.nodeArgs ?? envNodeArgs()), SERVER_JS, '--stdio', ...(opts.args ?? [])], { cwd: tmpdir(), stdio: 'pipe' });
    const connection = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
    const client = new TestClient(proc, connection, opts.settings === undefined ? {} : opts.settings);
    proc.stderr.on('data', (d) => client.stderr.push(String(d)));
    client.wire(opts.settings !== null, !!opts.unansweredConfiguration);
    connection.listen();
    const folders = (opts.workspaceFolders ?? []).map((p) => ({ uri: fileUri(p), name: p.split(/[\\/]/).pop() ?? 'ws' }));
    const capabilities = deepMerge(defaultCapabilities(opts), opts.capabilities ?? {});
    client.initializeResult = await withTimeout(connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: folders[0]?.uri ?? null,
      workspaceFolders: folders.length ? folders : null,
      capabilities,
      initializationOptions: opts.initializationOptions,
    }), DEFAULT_TIMEOUT, 'initialize').catch((e: Error) => {
      proc.kill();
      throw new Error(`${e.message}; ${client.state()}`);
    });
    await connection.sendNotification('initialized', {});
    return client;
  }

  private wire(configurationSupport: boolean, hang: boolean): void {
    const c = this.connection;
    c.onNotification('textDocument/publishDiagnostics', (p: PublishedDiagnostics) => {
      this.published.push(p);
      this.diagWaiters = this.diagWaiters.filter((w) => (w.match(p) ? (w.resolve(p), false) : true));
    });
    c.onNotification('window/logMessage', (p: { message: string }) => {
      this.logs.push(p.message);
      this.logWaiters = this.logWaiters.filter((w) => (w.match(p.message) ? (w.resolve(p.message), false) : true));
    });
    c.onNotification('window/showMessage', (p: { message: string }) => {
      this.logs.push(`[show] ${p.message}`);
    });
    c.onNotification('$/progress', (p: ProgressEvent) => {
      this.progress.push(p);
      this.progressWaiters = this.progressWaiters.filter((w) => (w.match(p) ? (w.resolve(p), false) : true));
    });
    c.onRequest('window/workDoneProgress/create', () => null);
    c.onRequest('client/registerCapability', (p: { registrations: { id: string; method: string; registerOptions?: unknown }[] }) => {
      this.registrations.push(...p.registrations);
      return null;
    });
    c.onRequest('client/unregisterCapability', () => null);
    c.onRequest('workspace/diagnostic/refresh', () => {
      this.refreshRequests++;
      return null;
    });
    c.onRequest('workspace/inlayHint/refresh', () => null);
    c.onRequest('workspace/codeLens/refresh', () => null);
    c.onRequest('workspace/semanticTokens/refresh', () => null);
    c.onRequest('workspace/workspaceFolders', () => null);
    c.onRequest('workspace/applyEdit', () => ({ applied: true }));
    c.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) => {
      if (!configurationSupport) throw new Error('workspace/configuration is not supported by this client');
      if (hang) return new Promise(() => undefined);
      return p.items.map((it) => (it.section === 'statefulset' ? this.settings : null));
    });
  }

  /** Sends textDocument/didOpen; returns the version sent. */
  open(uri: string, text: string, languageId = 'yaml', version = 1): number {
    this.versions.set(uri, version);
    this.texts.set(uri, text);
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
    return version;
  }

  /** Replaces the whole text (full sync change); returns the new version. */
  change(uri: string, text: string): number {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    this.texts.set(uri, text);
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    return version;
  }

  /** Sends an incremental change replacing `range` with `text`; the caller keeps its own copy of the text. */
  changeRange(uri: string, range: Range, text: string): number {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    this.texts.delete(uri);
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] });
    return version;
  }

  close(uri: string): void {
    this.versions.delete(uri);
    this.texts.delete(uri);
    void this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  version(uri: string): number | undefined {
    return this.versions.get(uri);
  }

  /**
   * Resolves with the diagnostics published for `uri` (already received or future). With `version`,
   * only a notification for that version (or later) counts; `until` adds a condition on the list.
   */
  waitForDiagnostics(uri: string, version?: number, opts: { until?: (d: Diagnostic[]) => boolean; after?: number; timeoutMs?: number } = {}): Promise<Diagnostic[]> {
    const match = (p: PublishedDiagnostics) =>
      p.uri === uri && (version === undefined || p.version === undefined || p.version >= version) && (!opts.until || opts.until(p.diagnostics));
    const from = opts.after ?? 0;
    for (let i = this.published.length - 1; i >= from; i--) {
      const p = this.published[i];
      if (p.uri !== uri) continue;
      // Only the newest notification for the uri counts: older ones were superseded.
      if (match(p)) return Promise.resolve(p.diagnostics);
      break;
    }
    return withTimeout(new Promise<PublishedDiagnostics>((resolve) => this.diagWaiters.push({ match, resolve })), opts.timeoutMs ?? DEFAULT_TIMEOUT, `diagnostics for ${uri}${version !== undefined ? ` v${version}` : ''}`)
      .then((p) => p.diagnostics, (e: Error) => {
        throw new Error(`${e.message}; ${this.state()}`);
      });
  }

  /** Resolves with the next diagnostics for `uri` published after this call. */
  nextDiagnostics(uri: string, opts: { until?: (d: Diagnostic[]) => boolean; timeoutMs?: number } = {}): Promise<Diagnostic[]> {
    return this.waitForDiagnostics(uri, undefined, { ...opts, after: this.published.length });
  }

  /** Resolves when a work-done progress matching `kind` (default 'end') has been reported (already or later). */
  waitForProgress(kind: 'begin' | 'report' | 'end' = 'end', timeoutMs = DEFAULT_TIMEOUT): Promise<ProgressEvent> {
    const seen = this.progress.find((p) => p.value.kind === kind);
    if (seen) return Promise.resolve(seen);
    return withTimeout(new Promise<ProgressEvent>((resolve) => this.progressWaiters.push({ match: (p) => p.value.kind === kind, resolve })), timeoutMs, `progress ${kind}`);
  }

  /** Resolves when the server logs a line matching `re` (already, from the `after`-th line on, or later). */
  waitForLog(re: RegExp, timeoutMs = DEFAULT_TIMEOUT, after = 0): Promise<string> {
    const seen = this.logs.slice(after).find((l) => re.test(l));
    if (seen) return Promise.resolve(seen);
    return withTimeout(new Promise<string>((resolve) => this.logWaiters.push({ match: (l) => re.test(l), resolve })), timeoutMs, `log ${re}`);
  }

  request<T = any>(method: string, params: unknown, timeoutMs = DEFAULT_TIMEOUT): Promise<T> {
    return withTimeout(this.connection.sendRequest(method, params) as Promise<T>, timeoutMs, method).catch((e: Error) => {
      throw /timed out/.test(e.message) ? new Error(`${e.message}; ${this.state()}`) : e;
    });
  }

  /** Server state for failure messages: alive or exit status, last log lines and stderr. */
  state(): string {
    const status = this.alive ? 'server alive' : `server exited (code ${this.proc.exitCode}, signal ${this.proc.signalCode})`;
    return `${status}; last log: ${JSON.stringify(this.logs.slice(-5))}; stderr: ${JSON.stringify(this.stderr.join('').slice(-2000))}`;
  }

  notify(method: string, params: unknown): void {
    void this.connection.sendNotification(method, params);
  }

  hover(uri: string, pos: Position): Promise<{ contents: { kind: string; value: string } | string; range?: Range } | null> {
    return this.request('textDocument/hover', { textDocument: { uri }, position: pos });
  }

  inlayHints(uri: string, range?: Range): Promise<{ position: Position; label: string | { value: string }[]; paddingLeft?: boolean; tooltip?: unknown }[] | null> {
    return this.request('textDocument/inlayHint', { textDocument: { uri }, range: range ?? { start: { line: 0, character: 0 }, end: { line: 1e6, character: 0 } } });
  }

  codeLenses(uri: string): Promise<{ range: Range; command?: { title: string } }[] | null> {
    return this.request('textDocument/codeLens', { textDocument: { uri } });
  }

  documentSymbols(uri: string): Promise<any[] | null> {
    return this.request('textDocument/documentSymbol', { textDocument: { uri } });
  }

  workspaceSymbols(query: string): Promise<{ name: string; kind: number; containerName?: string; location: { uri: string; range: Range } }[] | null> {
    return this.request('workspace/symbol', { query });
  }

  documentHighlights(uri: string, pos: Position): Promise<{ range: Range; kind?: number }[] | null> {
    return this.request('textDocument/documentHighlight', { textDocument: { uri }, position: pos });
  }

  pullDiagnostics(uri: string, previousResultId?: string): Promise<{ kind: 'full' | 'unchanged'; items?: Diagnostic[]; resultId?: string }> {
    return this.request('textDocument/diagnostic', { textDocument: { uri }, previousResultId });
  }

  completion(uri: string, pos: Position): Promise<any> {
    return this.request('textDocument/completion', { textDocument: { uri }, position: pos });
  }

  codeActions(uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<any[] | null> {
    return this.request('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics, ...(only ? { only } : {}) } });
  }

  definition(uri: string, pos: Position): Promise<any> {
    return this.request('textDocument/definition', { textDocument: { uri }, position: pos });
  }

  references(uri: string, pos: Position, includeDeclaration = true): Promise<any[] | null> {
    return this.request('textDocument/references', { textDocument: { uri }, position: pos, context: { includeDeclaration } });
  }

  prepareRename(uri: string, pos: Position): Promise<any> {
    return this.request('textDocument/prepareRename', { textDocument: { uri }, position: pos });
  }

  rename(uri: string, pos: Position, newName: string): Promise<any> {
    return this.request('textDocument/rename', { textDocument: { uri }, position: pos, newName });
  }

  /** Changes the settings the client answers with and tells the server (didChangeConfiguration). */
  setSettings(settings: Record<string, unknown>): void {
    this.settings = settings;
    this.notify('workspace/didChangeConfiguration', { settings: { statefulset: settings } });
  }

  /** Sends workspace/didChangeWatchedFiles (type 1 created, 2 changed, 3 deleted). */
  filesChanged(changes: { uri: string; type: 1 | 2 | 3 }[]): void {
    this.notify('workspace/didChangeWatchedFiles', { changes });
  }

  /** True while the server process is running. */
  get alive(): boolean {
    return this.proc.exitCode === null && this.proc.signalCode === null;
  }

  /** shutdown + exit, then kills the process if it lingers. Safe to call twice. */
  async stop(): Promise<void> {
    if (this.alive) {
      try {
        await withTimeout(this.connection.sendRequest('shutdown'), 3000, 'shutdown');
        await this.connection.sendNotification('exit');
      } catch {
        // The process is killed below either way.
      }
      const timer = setTimeout(() => this.proc.kill('SIGKILL'), 3000);
      await this.exited;
      clearTimeout(timer);
    }
    this.connection.dispose();
  }
}

function defaultCapabilities(opts: StartOptions): Record<string, unknown> {
  const textDocument: Record<string, unknown> = {
    synchronization: { dynamicRegistration: false, didSave: true },
    publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, tagSupport: { valueSet: [1, 2] } },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'refactor'] } }, isPreferredSupport: true },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    definition: {},
    references: {},
    rename: { prepareSupport: true },
    codeLens: {},
  };
  if (!opts.noInlayHints) textDocument.inlayHint = { dynamicRegistration: false };
  if (opts.pullDiagnostics) textDocument.diagnostic = { dynamicRegistration: false, relatedDocumentSupport: false };
  return {
    textDocument,
    workspace: {
      configuration: opts.settings !== null,
      didChangeConfiguration: { dynamicRegistration: true },
      didChangeWatchedFiles: { dynamicRegistration: true },
      workspaceFolders: true,
      ...(opts.pullDiagnostics ? { diagnostics: { refreshSupport: true } } : {}),
      inlayHint: { refreshSupport: true },
      codeLens: { refreshSupport: true },
    },
    window: { workDoneProgress: true },
  };
}

function deepMerge(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const cur = out[k];
    out[k] = v && typeof v === 'object' && !Array.isArray(v) && cur && typeof cur === 'object' && !Array.isArray(cur) ? deepMerge(cur as Record<string, unknown>, v as Record<string, unknown>) : v;
  }
  return out;
}

/** `p`, for a wait awaited later: if the test fails before then, its rejection is not an unhandled one. */
export function later<T>(p: Promise<T>): Promise<T> {
  p.catch(() => undefined);
  return p;
}

/** Rejects with a descriptive error when `p` does not settle within `ms`. */
export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** Markdown/plain text of a hover result. */
export function hoverText(h: { contents: unknown } | null | undefined): string {
  if (!h) return '';
  const c = h.contents as any;
  if (typeof c === 'string') return c;
  if (Array.isArray(c)) return c.map((x) => (typeof x === 'string' ? x : x.value)).join('\n');
  return c.value ?? '';
}

/** Label text of an inlay hint. */
export function hintLabel(h: { label: string | { value: string }[] }): string {
  return typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('');
}
