// Server state: open documents, indexed workspace files, per-(uri, version) analysis cache and diagnostics delivery.
// Analysis runs as soon as the event queue is drained of newer edits (no fixed debounce): a stale run is skipped.
// A big file is analysed in time slices (the core's stepwise form), so requests on other files are answered
// meanwhile and a newer version, a close or a settings change drops the run before anything stale is published.
// With diagnosticMode 'workspace', unopened files are checked too, in slices, whenever nothing else is pending.
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  DocumentDiagnosticReportKind, type Connection, type Diagnostic, type DocumentDiagnosticReport, type TextDocumentContentChangeEvent,
} from 'vscode-languageserver/node';
import { Baseline } from '../core/baseline';
import { KNOWN_KINDS, mergeReusable, type FileModel, type ReusableDocs } from '../core/model';
import { Project } from '../core/project';
import { drain, type Steps } from '../core/steps';
import type { LineIndex } from '../core/text';
import type { Finding, Settings } from '../core/types';
import { toDiagnostic, type LinesOf } from './convert';
import { describe } from './guard';
import { isYamlPath, listYamlFiles, pathToUri, readYamlFile, uriToPath } from './files';
import { headText } from './git';

export interface WorkspaceOptions {
  pull: boolean;
  pullRefresh: boolean;
  progress: boolean;
  inlayRefresh: boolean;
  codeLensRefresh: boolean;
  versionSupport: boolean;
  folders: string[];
}

/**
 * Open files' documents are parsed for their values, their trees when a finding, hover, inlay hint or other
 * request first needs one (compact.ts), as unopened files' are: the diagnostics of a large file need no tree
 * but those of the documents with findings.
 */
const OPEN_BUILD = { treesOnDemand: true } as const;

interface OpenDoc {
  doc: TextDocument;
  /** Whether the file is one we analyse (YAML by language id or extension). */
  yaml: boolean;
  /** Version the project's model was built from. */
  modelVersion: number;
  /** Documents parsed by a dropped run, offered for reuse to the next build (see mergeReusable). */
  reuse?: ReusableDocs;
}

/** One file's analysis in progress: builds the model of `version`, then runs the rules, a slice at a time. */
interface Run {
  uri: string;
  /** The open document it belongs to (a close or re-open makes it stale). */
  o: OpenDoc;
  version: number;
  /** Limits the model is being built with. */
  limits: string;
  /** Model phase: the build, where it reuses documents from, and how far it got. */
  build?: Steps<FileModel, ReusableDocs>;
  source?: ReusableDocs;
  progress?: ReusableDocs;
  /** Rules phase, valid for `epoch` only (restarted when any file or setting changes; finished documents stay cached). */
  analyse?: Steps<Finding[]>;
  epoch: number;
  /** Started by a refresh of dependants rather than by an edit of this file. */
  refresh: boolean;
  /** Time spent in slices, and slices taken (for the slow-analysis log line). */
  busyMs: number;
  slices: number;
  started: number;
}

/** Checking unopened files (diagnosticMode 'workspace'): where it is, and the file in progress. */
interface Sweep {
  /** Unopened files in index order, taken from `at` on; refilled when it runs out. */
  queue: string[];
  at: number;
  uri?: string;
  steps?: Steps<Finding[]>;
  /** The epoch `steps` was started at (the index must not change under them). */
  epoch: number;
  /** For the log line once every file is checked. */
  started: number;
  checked: number;
  busyMs: number;
}

/** A pass over the open documents after something they may depend on changed. */
interface DependantsRun {
  /** The file whose change started it (skipped: it was just analysed), or undefined for every file. */
  changed: string | undefined;
  queue: string[];
  pullChanged: boolean;
  /** True once the queue is taken: later changes can no longer join it. */
  started: boolean;
  /** A change that arrived while stepping (false: none): what the next run must cover. */
  again: string | undefined | false;
}

interface Analysis {
  version: number;
  epoch: number;
  findings: Finding[];
  diagnostics: Diagnostic[];
  json: string;
}

const KNOWN = new Set<string>(KNOWN_KINDS);
/** Analyses slower than this are logged, to find the rule or file at fault. */
const SLOW_MS = 200;
/**
 * The files of a git repository that change when HEAD moves (watched: see server.ts). The reflog is appended to in
 * place by every commit, checkout and reset; a branch ref is replaced by a rename, which file watchers do not always
 * report.
 */
const GIT_HEAD_FILE = /\/\.git\/(?:HEAD|packed-refs|logs\/HEAD|refs\/heads\/.+)$/;
/** How long after the last such change the committed versions are read again. */
const HEAD_SETTLE_MS = 250;

/** Files read concurrently while indexing. */
const BATCH = 16;
/** Work done in one go before other messages get a turn; a small file finishes well within one slice. */
const SLICE_MS = 10;
/**
 * Unopened files are checked again only once typing pauses for this long: while the user types, every
 * keystroke would restart the check, and its slices would delay the keystrokes' own diagnostics.
 */
const SWEEP_IDLE_MS = 300;

export class Workspace {
  readonly project: Project;
  private readonly docs = new Map<string, OpenDoc>();
  private readonly analyses = new Map<string, Analysis>();
  /** What the client last received per uri (push: published json; pull: resultId + json). */
  private readonly delivered = new Map<string, { json: string; resultId: string; version?: number }>();
  /** Bumped whenever anything that findings depend on changes (any file, settings). */
  private epoch = 0;
  private resultCounter = 0;
  private ready: Promise<unknown> = Promise.resolve();
  private readonly scheduled = new Map<string, number>();
  private dependants: DependantsRun | undefined;
  /** Analyses in progress, one per open file at most. */
  private readonly runs = new Map<string, Run>();
  /** The latest read of each unopened file being indexed in slices (an older one gives up). */
  private readonly indexing = new Map<string, object>();
  /** Requests waiting for a file's run to get further (see settled). */
  private readonly idleWaiters: (() => void)[] = [];
  private folders: string[];
  private disposed = false;
  private publishedOnce = false;
  /** diagnosticMode 'workspace': the diagnostics (json) last pushed for each unopened file that has some. */
  private readonly unopenedSent = new Map<string, string>();
  /** ... and the epoch each unopened file was last checked at. */
  private readonly unopenedChecked = new Map<string, number>();
  private sweep: Sweep | undefined;
  private sweepKicked = false;
  /** Workspace scans in progress (indexWorkspace): unopened files are checked once the index is complete. */
  private scans = 0;
  /** When an open document last changed (performance.now()). */
  private lastEdit = -Infinity;
  /** baseline 'gitHead': the latest read of each open file's committed version (an older read gives up). */
  private readonly baselineReads = new Map<string, object>();
  /** Pending re-read after git's HEAD moved (see filesChanged). */
  private headMoved: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly connection: Connection, private readonly opts: WorkspaceOptions, settings: Settings, private readonly log: (m: string) => void) {
    this.project = new Project(settings, { onRuleError: (code, e) => log(`[error] rule ${code} threw: ${describe(e)}`) });
    if (settings.baseline === 'gitHead') this.project.index.baseline = new Baseline('HEAD');
    this.folders = opts.folders;
  }

  /** Lines of the model in the index: other files' offsets in findings, edits and locations were computed from it. */
  readonly linesOf: LinesOf = (uri) => (this.docs.get(uri)?.yaml === false ? undefined : this.project.getFile(uri)?.lines);

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.headMoved);
  }

  /** Whether unopened files get diagnostics (see sweepStep). */
  private get workspaceMode(): boolean {
    return this.project.settings.diagnosticMode === 'workspace';
  }

  /** Analysis waits for this (the first workspace/configuration answer) so the first diagnostics use real settings. */
  settingsPending(p: Promise<unknown>): void {
    this.ready = p.catch(() => undefined);
  }

  // ---- documents -------------------------------------------------------------------------

  open(uri: string, languageId: string, version: number, text: string): void {
    const yaml = languageId === 'yaml' || languageId === 'yml' || isYamlPath(uri) || languageId.endsWith('yaml');
    this.dropRun(uri);
    this.docs.set(uri, { doc: TextDocument.create(uri, languageId, version, text), yaml, modelVersion: -1 });
    this.analyses.delete(uri);
    // The editor's copy takes over from the file on disk. A pushing client gets the open file's own
    // diagnostics (with its version) in their place; a pulling one pulls them, so ours are withdrawn.
    this.unopenedChecked.delete(uri);
    if (this.unopenedSent.delete(uri) && this.opts.pull) this.publish(uri, [], undefined);
    if (yaml) {
      this.schedule(uri);
      this.readBaseline(uri);
    }
  }

  /** The editor saved the file: its committed version may have changed meanwhile (a commit), so it is read again. */
  saved(uri: string): void {
    if (this.docs.get(uri)?.yaml) this.readBaseline(uri);
  }

  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): void {
    const o = this.docs.get(uri);
    if (!o) return;
    TextDocument.update(o.doc, changes, version);
    this.lastEdit = performance.now();
    if (o.yaml) this.schedule(uri);
  }

  close(uri: string): void {
    const o = this.docs.get(uri);
    this.dropRun(uri);
    this.docs.delete(uri);
    this.analyses.delete(uri);
    this.scheduled.delete(uri);
    this.wakeWaiters();
    this.baselineReads.delete(uri);
    this.project.index.baseline?.set(uri, undefined, this.project.settings.limits);
    if (!o || !o.yaml) return;
    if (!this.opts.pull) this.publish(uri, [], undefined);
    this.delivered.delete(uri);
    // The editor's copy is gone: fall back to the file on disk when it belongs to the workspace
    // (replaced in place, so other files never see it missing meanwhile; dropped if unreadable).
    const path = uriToPath(uri);
    if (path && isYamlPath(path) && this.inFolders(uri)) {
      void this.readIntoIndex([uri]).then(() => this.refreshDependants(undefined));
    } else {
      this.project.removeFile(uri);
      this.epoch++;
      this.refreshDependants(undefined);
    }
  }

  /** The current model of a known file (open files are brought up to date first). */
  model(uri: string): FileModel | undefined {
    const o = this.docs.get(uri);
    if (o && o.yaml && o.modelVersion !== o.doc.version) this.buildNow(uri, o);
    if (o && !o.yaml) return undefined;
    return this.project.getFile(uri);
  }

  /**
   * Brings an open file's model to its current version at once: a request on this file needs
   * positions in its current text. A run building that version is finished (its progress kept);
   * other files' requests never come here and use the last complete model of this file meanwhile.
   */
  private buildNow(uri: string, o: OpenDoc): void {
    const run = this.runs.get(uri);
    if (run?.build && !this.isStale(run)) {
      drain(run.build);
      this.modelBuilt(run);
      return;
    }
    if (run) this.dropRun(uri);
    const reuse = o.reuse;
    o.reuse = undefined;
    drain(this.project.setFileSteps(uri, o.doc.getText(), reuse, OPEN_BUILD));
    o.modelVersion = o.doc.version;
    this.epoch++;
  }

  /** Findings of an open file at its current version, cached per (version, epoch). */
  findings(uri: string): Finding[] {
    return this.analysis(uri)?.findings ?? [];
  }

  private analysis(uri: string): Analysis | undefined {
    const o = this.docs.get(uri);
    if (!o) return undefined;
    const model = this.model(uri);
    const cached = this.analyses.get(uri);
    if (cached && cached.version === o.doc.version && cached.epoch === this.epoch) return cached;
    const started = Date.now();
    const findings = model && hasKnownKind(model) ? this.project.findings(uri) : [];
    const took = Date.now() - started;
    if (took > SLOW_MS) this.log(`slow analysis: ${uri} v${o.doc.version} took ${took} ms (${model?.resources.length ?? 0} resources)`);
    return this.toAnalysis(uri, o.doc.version, findings);
  }

  /** Converts and caches findings of the file's current model, for the current epoch. */
  private toAnalysis(uri: string, version: number, findings: Finding[]): Analysis {
    const lines = this.project.getFile(uri)?.lines;
    const diagnostics = lines ? findings.map((f) => toDiagnostic(f, lines, this.linesOf)) : [];
    const a: Analysis = { version, epoch: this.epoch, findings, diagnostics, json: JSON.stringify(diagnostics) };
    this.analyses.set(uri, a);
    return a;
  }

  // ---- scheduling ----------------------------------------------------------------------

  /**
   * Analyses `uri` once the messages already queued have been handled: two setImmediate hops let the
   * JSON-RPC queue deliver a newer didChange first, in which case this run is skipped as stale.
   */
  private schedule(uri: string): void {
    const o = this.docs.get(uri);
    if (!o) return;
    const version = o.doc.version;
    this.scheduled.set(uri, version);
    setImmediate(() => setImmediate(() => {
      if (this.scheduled.get(uri) !== version) return;
      void this.ready.then(() => {
        if (this.scheduled.get(uri) !== version || this.disposed) return;
        this.scheduled.delete(uri);
        this.startRun(uri, false);
        // A pull waiting for this file now waits for the run, if one is still going.
        this.wakeWaiters();
      });
    }));
  }

  // ---- runs: analysis in slices ------------------------------------------------------------

  /** Starts analysing an open file's current version (dropping an older run) and does the first slice now. */
  private startRun(uri: string, refresh: boolean): void {
    const o = this.docs.get(uri);
    if (!o || !o.yaml) return;
    this.dropRun(uri);
    const run: Run = {
      uri, o, version: o.doc.version, limits: JSON.stringify(this.project.settings.limits), epoch: -1, refresh, busyMs: 0, slices: 0, started: Date.now(),
    };
    if (o.modelVersion !== o.doc.version) {
      run.source = o.reuse ?? this.project.getFile(uri);
      o.reuse = undefined;
      run.build = this.project.setFileSteps(uri, o.doc.getText(), run.source, OPEN_BUILD);
    }
    this.runs.set(uri, run);
    this.pump(run);
  }

  /** True when the run's result could no longer be published: the file closed, changed or its limits did. */
  private isStale(run: Run): boolean {
    const o = this.docs.get(run.uri);
    if (this.disposed || o !== run.o || o.doc.version !== run.version) return true;
    if (run.build) return JSON.stringify(this.project.settings.limits) !== run.limits;
    // A limits change invalidates the built model (modelVersion reset).
    return o.modelVersion !== run.version;
  }

  /** Forgets a file's run; what its build parsed so far is kept for the next build of that file. */
  private dropRun(uri: string): void {
    const run = this.runs.get(uri);
    if (!run) return;
    this.runs.delete(uri);
    if (run.build && run.progress && run.progress.docs.length && this.docs.get(uri) === run.o && JSON.stringify(this.project.settings.limits) === run.limits) {
      run.o.reuse = mergeReusable(run.progress, run.source);
    }
    this.wakeWaiters();
  }

  private modelBuilt(run: Run): void {
    run.build = undefined;
    run.source = undefined;
    run.progress = undefined;
    run.o.modelVersion = run.version;
    this.epoch++;
    this.wakeWaiters();
  }

  /** Does steps of `run` for up to SLICE_MS, then yields to the event loop; drops it once stale. */
  private pump(run: Run): void {
    if (this.runs.get(run.uri) !== run) return;
    if (this.isStale(run)) {
      this.dropRun(run.uri);
      return;
    }
    const t0 = performance.now();
    const deadline = t0 + SLICE_MS;
    try {
      for (;;) {
        if (run.build) {
          const r = run.build.next();
          if (r.done) this.modelBuilt(run);
          else run.progress = r.value;
        } else {
          const cached = this.analyses.get(run.uri);
          if (cached && cached.version === run.version && cached.epoch === this.epoch) {
            // A request (code action, pull) analysed this version meanwhile.
            this.finish(run, cached);
            return;
          }
          if (!run.analyse || run.epoch !== this.epoch) {
            // First time, or a file or setting changed since: the index differs, start the rules over.
            run.epoch = this.epoch;
            const model = this.project.getFile(run.uri);
            run.analyse = model && hasKnownKind(model) ? this.project.findingsSteps(run.uri) : undefined;
          }
          const r = run.analyse?.next();
          if (!r || r.done) {
            run.busyMs += performance.now() - t0;
            this.finish(run, this.toAnalysis(run.uri, run.version, r?.value ?? []));
            return;
          }
        }
        if (performance.now() >= deadline) break;
      }
    } catch (e) {
      this.log(`[error] analysis of ${run.uri} failed: ${describe(e)}`);
      this.runs.delete(run.uri);
      this.wakeWaiters();
      if (!run.refresh) this.refreshDependants(run.uri);
      else this.kickSweep();
      return;
    }
    run.busyMs += performance.now() - t0;
    run.slices++;
    afterQueuedMessages(() => this.pump(run));
  }

  /** Delivers a finished run: push publishes; pull tells the client to pull again when a refresh changed something. */
  private finish(run: Run, a: Analysis): void {
    this.runs.delete(run.uri);
    if (run.busyMs > SLOW_MS) {
      this.log(`slow analysis: ${run.uri} v${run.version} took ${Math.round(run.busyMs)} ms in ${run.slices + 1} slices over ${Date.now() - run.started} ms (${this.project.getFile(run.uri)?.resources.length ?? 0} resources)`);
    }
    if (!this.opts.pull) this.publishIfChanged(run.uri, a);
    else if (run.refresh) {
      const last = this.delivered.get(run.uri);
      if (last && last.json !== a.json) {
        if (this.dependants) this.dependants.pullChanged = true;
        else if (this.opts.pullRefresh) void this.connection.languages.diagnostics.refresh().catch(() => undefined);
      }
    }
    this.wakeWaiters();
    if (!run.refresh) this.refreshDependants(run.uri);
    // A refresh run may outlive the pass over dependants that started it: unopened files wait for it.
    else this.kickSweep();
  }

  /**
   * Resolves once a request on `uri` can be answered from its current version without analysing it in
   * one blocking call; other messages are served meanwhile. 'model': waits while the file's analysis is
   * scheduled or still building its model. 'edits' (answers that edit other files too): also while any
   * open file's model is being built, since edits are computed from the models in the index and must
   * match the editor's text. 'findings' (code actions): as 'edits', and until the file's analysis is done.
   * 'diagnostics' (pulls): until the file's analysis is done. At once when nothing runs.
   */
  async settled(uri: string, needs: 'model' | 'edits' | 'findings' | 'diagnostics'): Promise<void> {
    for (;;) {
      const run = this.runs.get(uri);
      let busy = this.scheduled.has(uri) || (!!run && (needs === 'findings' || needs === 'diagnostics' || !!run.build));
      if (!busy && (needs === 'edits' || needs === 'findings')) busy = this.scheduled.size > 0 || [...this.runs.values()].some((r) => !!r.build);
      if (!busy || this.disposed) return;
      await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    }
  }

  /** Resolves once the model of every open file matches the editor's text (for workspace-wide answers). */
  settledAll(): Promise<void> {
    return this.settled('', 'edits');
  }

  /** The model a request on `uri` works on, once the file's analysis got as far as `needs` says (see settled). */
  async settledModel(uri: string, needs: 'model' | 'edits' | 'findings'): Promise<FileModel | undefined> {
    await this.settled(uri, needs);
    return this.model(uri);
  }

  /**
   * settledModel(uri, 'model') once `work` has been done on every item `pending` lists for the file's
   * newest model: work a request needs done first on many documents (each parses a document's tree for one
   * look: the outline's entries, the values code lenses annotate), SLICE_MS at a time so that other requests
   * are answered in between. Undefined once the file is gone or the request is cancelled.
   */
  async settledSlices<T>(uri: string, token: { isCancellationRequested: boolean } | undefined, pending: (f: FileModel) => readonly T[], work: (item: T) => void): Promise<FileModel | undefined> {
    for (;;) {
      const f = await this.settledModel(uri, 'model');
      if (!f || token?.isCancellationRequested) return undefined;
      const items = pending(f);
      if (!items.length) return f;
      const deadline = performance.now() + SLICE_MS;
      for (const item of items) {
        work(item);
        if (performance.now() >= deadline) break;
      }
      await new Promise((r) => setImmediate(r));
    }
  }

  /** Lets every waiting request look again (they are few, and each re-checks what it waits for). */
  private wakeWaiters(): void {
    if (!this.idleWaiters.length) return;
    const list = this.idleWaiters.splice(0);
    for (const w of list) w();
  }

  private publishIfChanged(uri: string, a: Analysis): boolean {
    // Each new version of a document gets its diagnostics (clients track them per version); a
    // dependant whose findings did not change is not re-sent.
    const last = this.delivered.get(uri);
    if (last && last.json === a.json && last.version === a.version) return false;
    this.publish(uri, a.diagnostics, a.version);
    this.delivered.set(uri, { json: a.json, resultId: String(++this.resultCounter), version: a.version });
    return true;
  }

  private publish(uri: string, diagnostics: Diagnostic[], version: number | undefined): void {
    void this.connection.sendDiagnostics({ uri, diagnostics, ...(version !== undefined && this.opts.versionSupport ? { version } : {}) });
    if (!this.publishedOnce) {
      this.publishedOnce = true;
      this.log(`first diagnostics ${Math.round(process.uptime() * 1000)} ms after process start, rss ${Math.round(process.memoryUsage().rss / 1048576)} MB`);
    }
  }

  /**
   * Re-analyses the other open files after `changed` (or anything, when undefined) changed, because
   * cross-file rules may now say something else. Skipped while newer edits are queued.
   */
  private refreshDependants(changed: string | undefined): void {
    if (this.disposed) return;
    const pending = this.dependants;
    if (pending && !pending.started) {
      // Not started yet: widen it to every document when the reasons differ.
      if (pending.changed !== changed) pending.changed = undefined;
      return;
    }
    if (pending) {
      // Already stepping: the documents it has passed were checked before this change, so go again
      // once it ends.
      pending.again = pending.again === false || pending.again === changed ? changed : undefined;
      return;
    }
    const run: DependantsRun = { changed, queue: [], pullChanged: false, started: false, again: false };
    this.dependants = run;
    setImmediate(() => setImmediate(() => {
      run.started = true;
      run.queue = [...this.docs.keys()].filter((u) => u !== run.changed && this.docs.get(u)!.yaml);
      this.stepDependants(run);
    }));
  }

  /** Ends a dependants run, starting the next one if a change arrived while it was stepping. */
  private endDependants(run: DependantsRun): void {
    if (this.dependants === run) this.dependants = undefined;
    if (run.again !== false) this.refreshDependants(run.again);
    else this.kickSweep();
  }

  /** One document per macrotask, so a newer edit is never stuck behind the refresh of many files. */
  private stepDependants(run: DependantsRun): void {
    if (this.disposed) return;
    if (this.scheduled.size > 0) {
      // A pending validation refreshes dependants again when it is done.
      this.endDependants(run);
      return;
    }
    const uri = run.queue.shift();
    if (uri === undefined) {
      this.endDependants(run);
      if (run.pullChanged && this.opts.pullRefresh) void this.connection.languages.diagnostics.refresh().catch(() => undefined);
      // Hints can change only through other files or settings.
      const crossFile = run.changed === undefined || this.docs.size > 1;
      if (crossFile && this.opts.inlayRefresh) void this.connection.languages.inlayHint.refresh().catch(() => undefined);
      if (crossFile && this.opts.codeLensRefresh) void this.connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
      return;
    }
    try {
      const o = this.docs.get(uri);
      const cached = this.analyses.get(uri);
      if (o && cached && cached.version === o.doc.version && cached.epoch === this.epoch && o.modelVersion === o.doc.version) {
        // Only documents the client has pulled can be stale on its side.
        const last = this.delivered.get(uri);
        if (this.opts.pull) run.pullChanged ||= !!last && last.json !== cached.json;
        else this.publishIfChanged(uri, cached);
      } else if (o && !this.runs.has(uri)) {
        // A run delivers itself (a small file within this call); one already going restarts its rules on its own.
        this.startRun(uri, true);
      }
    } catch (e) {
      this.log(`[error] refreshing ${uri} failed: ${describe(e)}`);
    }
    setImmediate(() => this.stepDependants(run));
  }

  /** textDocument/diagnostic: the current findings, or `unchanged` when the client already has them. */
  async pull(uri: string, previousResultId: string | undefined): Promise<DocumentDiagnosticReport> {
    await this.ready;
    // Let a run of this file finish in slices rather than analysing it here in one blocking call.
    await this.settled(uri, 'diagnostics');
    const a = this.analysis(uri);
    if (!a) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    const last = this.delivered.get(uri);
    if (last && last.json === a.json && previousResultId === last.resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: last.resultId };
    const resultId = last && last.json === a.json ? last.resultId : String(++this.resultCounter);
    this.delivered.set(uri, { json: a.json, resultId });
    return { kind: DocumentDiagnosticReportKind.Full, resultId, items: a.diagnostics };
  }

  // ---- unopened files (diagnosticMode 'workspace') -------------------------------------------

  /**
   * Checks the unopened files soon: once nothing else is pending (each of those ends by calling this)
   * and typing has paused (SWEEP_IDLE_MS).
   */
  private kickSweep(): void {
    if (this.sweepKicked || this.disposed || (!this.workspaceMode && !this.unopenedSent.size)) return;
    this.sweepKicked = true;
    const step = () => {
      this.sweepKicked = false;
      this.sweepStep();
    };
    const wait = this.lastEdit + SWEEP_IDLE_MS - performance.now();
    if (wait > 0) setTimeout(step, wait);
    else afterQueuedMessages(step);
  }

  /** Work that comes before unopened files: edits, open files' runs and refreshes, indexing. */
  private busy(): boolean {
    return this.scheduled.size > 0 || this.runs.size > 0 || this.dependants !== undefined || this.indexing.size > 0 || this.scans > 0;
  }

  /** Files of the index that get diagnostics as unopened files (the index also holds the open ones). */
  private unopened(uri: string): boolean {
    return !this.docs.has(uri) && !this.indexing.has(uri) && this.inFolders(uri) && isYamlPath(uri) && this.project.getFile(uri) !== undefined;
  }

  /**
   * One slice of checking unopened files: those not checked since the last change of any file or
   * setting, one after the other, each in steps; a change meanwhile (the epoch) restarts the file at
   * hand, and files already checked are checked again on the next pass. Only what changed is pushed.
   * Stops while other work is pending; that work kicks it again when it ends.
   */
  private sweepStep(): void {
    if (this.disposed || this.busy()) return;
    if (performance.now() - this.lastEdit < SWEEP_IDLE_MS) {
      this.kickSweep();
      return;
    }
    if (!this.workspaceMode) {
      // Turned off: withdraw what was pushed.
      for (const uri of this.unopenedSent.keys()) this.publish(uri, [], undefined);
      this.unopenedSent.clear();
      this.unopenedChecked.clear();
      this.sweep = undefined;
      return;
    }
    // Files that left the workspace (deleted, folder removed) keep no diagnostics.
    for (const uri of this.unopenedSent.keys()) {
      if (this.unopened(uri)) continue;
      this.publish(uri, [], undefined);
      this.unopenedSent.delete(uri);
      this.unopenedChecked.delete(uri);
    }
    const sweep = (this.sweep ??= { queue: [], at: 0, epoch: -1, started: performance.now(), checked: 0, busyMs: 0 });
    const t0 = performance.now();
    const deadline = t0 + SLICE_MS;
    try {
      while (performance.now() < deadline) {
        if (sweep.steps && sweep.epoch !== this.epoch) sweep.steps = undefined;
        if (!sweep.steps) {
          const uri = this.nextUnopened(sweep);
          if (uri === undefined) {
            this.sweep = undefined;
            if (sweep.checked) {
              sweep.busyMs += performance.now() - t0;
              this.log(`workspace diagnostics: checked ${sweep.checked} unopened files in ${Math.round(sweep.busyMs)} ms of work over ${Math.round(performance.now() - sweep.started)} ms; ${this.unopenedSent.size} have problems`);
            }
            return;
          }
          const model = this.project.getFile(uri)!;
          sweep.uri = uri;
          sweep.epoch = this.epoch;
          sweep.steps = hasKnownKind(model) ? this.project.findingsSteps(uri) : undefined;
          if (!sweep.steps) {
            this.unopenedDone(uri, []);
            continue;
          }
        }
        const r = sweep.steps.next();
        if (r.done) {
          sweep.steps = undefined;
          sweep.checked++;
          this.unopenedDone(sweep.uri!, r.value);
        }
      }
    } catch (e) {
      this.log(`[error] checking ${sweep.uri} failed: ${describe(e)}`);
      if (sweep.uri) this.unopenedChecked.set(sweep.uri, this.epoch);
      sweep.steps = undefined;
    }
    sweep.busyMs += performance.now() - t0;
    this.kickSweep();
  }

  /** The next unopened file not checked at the current epoch (each pass takes the index's files in order). */
  private nextUnopened(sweep: Sweep): string | undefined {
    for (let pass = 0; pass < 2; pass++) {
      while (sweep.at < sweep.queue.length) {
        const uri = sweep.queue[sweep.at++];
        if (this.unopenedChecked.get(uri) !== this.epoch && this.unopened(uri)) return uri;
      }
      sweep.queue = [...this.project.index.uris()].filter((u) => this.unopened(u) && this.unopenedChecked.get(u) !== this.epoch);
      sweep.at = 0;
      if (!sweep.queue.length) return undefined;
    }
    return undefined;
  }

  /** Pushes an unopened file's findings when they differ from what it has. */
  private unopenedDone(uri: string, findings: Finding[]): void {
    this.unopenedChecked.set(uri, this.epoch);
    const lines = this.project.getFile(uri)?.lines;
    const diagnostics = lines ? findings.map((f) => toDiagnostic(f, lines, this.linesOf)) : [];
    const json = JSON.stringify(diagnostics);
    if (json === (this.unopenedSent.get(uri) ?? '[]')) return;
    this.publish(uri, diagnostics, undefined);
    if (diagnostics.length) this.unopenedSent.set(uri, json);
    else this.unopenedSent.delete(uri);
  }

  // ---- baseline (statefulset.baseline) -------------------------------------------------

  /**
   * baseline 'gitHead': reads the open file's committed version, then analyses again (the open files: a
   * resource is compared with its namesake in any file's committed version). Only open files are read.
   */
  private readBaseline(uri: string): void {
    if (this.project.settings.baseline !== 'gitHead') return;
    const path = uriToPath(uri);
    if (!path) return;
    const token = {};
    this.baselineReads.set(uri, token);
    void headText(path, this.project.settings.limits.maxFileBytes).then((text) => {
      const baseline = this.project.index.baseline;
      if (this.disposed || this.baselineReads.get(uri) !== token || !baseline || !this.docs.has(uri)) return;
      this.baselineReads.delete(uri);
      if (text === undefined && !baseline.has(uri)) return;
      baseline.set(uri, text, this.project.settings.limits);
      this.epoch++;
      this.reanalyseOpenFiles();
    });
  }

  /** readBaseline for every open YAML file (the setting turned on, HEAD moved). */
  private readOpenBaselines(): void {
    if (!this.disposed) for (const [uri, o] of this.docs) if (o.yaml) this.readBaseline(uri);
  }

  /** After a change every open file's findings may depend on (settings, the baseline). */
  private reanalyseOpenFiles(): void {
    // Push: re-publish what changed; pull: ask the client to pull again if anything changed.
    if (!this.opts.pull) for (const [uri, o] of this.docs) if (o.yaml) this.schedule(uri);
    this.refreshDependants(undefined);
  }

  // ---- settings ------------------------------------------------------------------------

  applySettings(s: Settings): void {
    const before = JSON.stringify(this.project.settings);
    if (JSON.stringify(s) === before) return;
    const limitsChanged = JSON.stringify(s.limits) !== JSON.stringify(this.project.settings.limits);
    this.project.settings = s;
    this.epoch++;
    this.log(`settings: ${JSON.stringify({ clusterDomain: s.clusterDomain, defaultNamespace: s.defaultNamespace, kubernetesVersion: s.kubernetesVersion, inlayHints: s.inlayHints, diagnosticMode: s.diagnosticMode, baseline: s.baseline })}`);
    if (limitsChanged) for (const o of this.docs.values()) o.modelVersion = -1;
    if (s.baseline === 'gitHead' && !this.project.index.baseline) {
      this.project.index.baseline = new Baseline('HEAD');
      this.readOpenBaselines();
    } else if (s.baseline !== 'gitHead') {
      this.project.index.baseline = undefined;
      this.baselineReads.clear();
    }
    this.reanalyseOpenFiles();
  }

  // ---- workspace index -----------------------------------------------------------------

  private inFolders(uri: string): boolean {
    return this.folders.some((f) => uri.startsWith(f.endsWith('/') ? f : `${f}/`));
  }

  /** Scans the workspace folders and indexes every YAML file (their diagnostics: see sweepStep). */
  async indexWorkspace(folders = this.folders): Promise<void> {
    this.scans++;
    try {
      await this.scan(folders);
    } finally {
      this.scans--;
    }
    this.refreshDependants(undefined);
  }

  private async scan(folders: string[]): Promise<void> {
    const paths: string[] = [];
    for (const f of folders) {
      const root = uriToPath(f);
      if (root) paths.push(...(await listYamlFiles(root, this.log)));
    }
    if (!paths.length) return;
    const started = Date.now();
    // A client that never answers window/workDoneProgress/create must not stop the index.
    const progress = this.opts.progress
      ? await Promise.race([this.connection.window.createWorkDoneProgress().catch(() => undefined), new Promise<undefined>((r) => setTimeout(() => r(undefined), 1000))])
      : undefined;
    progress?.begin('Indexing Kubernetes YAML', 0, `${paths.length} files`, false);
    let done = 0;
    for (let i = 0; i < paths.length && !this.disposed; i += BATCH) {
      const batch = paths.slice(i, i + BATCH).map((p) => pathToUri(p));
      await this.readIntoIndex(batch);
      done += batch.length;
      progress?.report(Math.round((done / paths.length) * 100), `${done}/${paths.length} files`);
      // Let queued edits and requests run between batches.
      await new Promise((r) => setImmediate(r));
    }
    progress?.done();
    this.log(`indexed ${paths.length} YAML files in ${Date.now() - started} ms`);
  }

  /** Reads files into the index unless the editor has them open (the editor's text wins). */
  private async readIntoIndex(uris: string[]): Promise<void> {
    const max = this.project.settings.limits.maxFileBytes;
    const texts = await Promise.all(uris.map((u) => {
      const p = uriToPath(u);
      return p ? readYamlFile(p, max, this.log) : Promise.resolve(undefined);
    }));
    for (const [k, uri] of uris.entries()) {
      if (this.docs.has(uri)) continue;
      const text = texts[k];
      if (text === undefined) {
        this.indexing.delete(uri);
        if (this.project.getFile(uri)) {
          this.project.removeFile(uri);
          this.epoch++;
        }
        continue;
      }
      const prev = this.project.getFile(uri);
      if (prev && prev.text === text) {
        // Already indexed with this text (a file closed unchanged): kept, without the trees its requests parsed.
        this.project.compactFile(uri);
        continue;
      }
      try {
        if (await this.indexInSlices(uri, text)) this.epoch++;
      } catch (e) {
        this.log(`[error] indexing ${uri} failed: ${describe(e)}`);
      }
    }
  }

  /**
   * Builds an unopened file's model in slices, like an open file's run. Gives up (false) when the editor
   * opens the file meanwhile (its text wins) or a newer read of the same file starts.
   */
  private async indexInSlices(uri: string, text: string): Promise<boolean> {
    const token = {};
    this.indexing.set(uri, token);
    try {
      // Other files only read its values: its documents are parsed for their values, and the trees
      // are parsed if a request needs them.
      const steps = this.project.setFileSteps(uri, text, undefined, { treesOnDemand: true });
      for (;;) {
        const deadline = performance.now() + SLICE_MS;
        do {
          if (this.docs.has(uri) || this.indexing.get(uri) !== token || this.disposed) return false;
          if (steps.next().done) {
            // The documents the fast parser did not take are kept compacted too.
            this.project.compactFile(uri);
            return true;
          }
        } while (performance.now() < deadline);
        await new Promise<void>((r) => afterQueuedMessages(r));
      }
    } finally {
      // Done, given up or failed: nothing of this read is pending any more (a newer read owns its own entry).
      if (this.indexing.get(uri) === token) this.indexing.delete(uri);
    }
  }

  /** workspace/didChangeWatchedFiles: re-read or drop files the editor does not have open. */
  filesChanged(changes: { uri: string; deleted: boolean }[]): void {
    // A commit, checkout or reset moved HEAD: the open files' committed versions are read again, once git is done
    // (it appends to the reflog before it renames the branch ref into place).
    if (this.project.settings.baseline === 'gitHead' && changes.some((c) => GIT_HEAD_FILE.test(c.uri))) {
      clearTimeout(this.headMoved);
      this.headMoved = setTimeout(() => this.readOpenBaselines(), HEAD_SETTLE_MS);
    }
    const reread: string[] = [];
    for (const c of changes) {
      if (this.docs.has(c.uri) || !isYamlPath(c.uri)) continue;
      if (c.deleted) {
        this.indexing.delete(c.uri);
        if (this.project.getFile(c.uri)) {
          this.project.removeFile(c.uri);
          this.epoch++;
        }
      } else reread.push(c.uri);
    }
    void this.readIntoIndex(reread).then(() => this.refreshDependants(undefined));
  }

  foldersChanged(added: string[], removed: string[]): void {
    this.folders = this.folders.filter((f) => !removed.includes(f)).concat(added);
    for (const r of removed) {
      const prefix = r.endsWith('/') ? r : `${r}/`;
      for (const uri of [...this.indexing.keys()]) if (uri.startsWith(prefix) && !this.inFolders(uri)) this.indexing.delete(uri);
      for (const uri of this.project.index.uris()) {
        if (uri.startsWith(prefix) && !this.docs.has(uri) && !this.inFolders(uri)) {
          this.project.removeFile(uri);
          this.epoch++;
        }
      }
    }
    if (added.length) void this.indexWorkspace(added);
    else this.refreshDependants(undefined);
  }
}

/**
 * Runs `fn` after the messages that arrive meanwhile: the JSON-RPC layer handles each message in its own
 * setImmediate, queued when the data is read (poll phase). One hop would run `fn` before them; the second
 * lets a request that arrived during a slice be answered before the next slice.
 */
function afterQueuedMessages(fn: () => void): void {
  setImmediate(() => setImmediate(fn));
}

/** Only files declaring a kind we validate get diagnostics; other YAML is left alone. */
function hasKnownKind(model: FileModel): boolean {
  if (model.resources.some((r) => r.kind !== undefined && KNOWN.has(r.kind))) return true;
  // Files skipped as a whole (too large, binary) say so only when they look like ours.
  return model.problems.length > 0 && /^\s*kind:\s*["']?(StatefulSet|Service|PersistentVolumeClaim|PersistentVolume|ConfigMap)\b/m.test(model.text.slice(0, 1 << 20));
}

export type { LineIndex };
