// A set of files analysed together (a workspace, or the CLI's arguments): the engine's front door.
// setFile and findings also come stepwise (see steps.ts), for callers that must stay responsive.
import { analyzeFileSteps, checkDocument, finalizeFindings, workspaceFindingsSteps, type AnalyzeOptions } from './analyze';
import { compactModel } from './compact';
import { buildFileModel, buildFileModelSteps, type BuildOptions, type FileModel, type ReusableDocs } from './model';
import { DOC_RULES } from './rules';
import { DEFAULT_SETTINGS, minor as minorOf } from './settings';
import { drain, type Steps } from './steps';
import { ResourceIndex } from './workspace';
import type { Finding, Settings } from './types';

export class Project {
  readonly index = new ResourceIndex();

  constructor(public settings: Settings = DEFAULT_SETTINGS, private readonly options: AnalyzeOptions = {}) {}

  /** Adds or replaces a file; unchanged documents of the previous version are reused. */
  setFile(uri: string, text: string): FileModel {
    return drain(this.setFileSteps(uri, text));
  }

  /**
   * setFile one parsed document per step. The index keeps the file's previous model until the last
   * step, so other files never see a half-built one and a dropped run changes nothing. `reuse`
   * replaces the previous model as the source of reusable documents (see mergeReusable);
   * `options.treesOnDemand` parses new documents for their values only where it can (model.ts).
   */
  *setFileSteps(uri: string, text: string, reuse?: ReusableDocs, options?: BuildOptions): Steps<FileModel, ReusableDocs> {
    const model = yield* buildFileModelSteps(uri, text, this.settings.limits, reuse ?? this.index.get(uri), options);
    this.index.set(model);
    return model;
  }

  /**
   * Keeps a file in the index without its syntax trees (see compact.ts), those parsed on demand
   * included: for files only other files look at (unopened workspace files, a file just closed). Trees
   * come back, parsed again, when something asks for them.
   */
  compactFile(uri: string): void {
    const model = this.index.get(uri);
    if (!model) return;
    // Re-indexed only when something was compacted (a file parsed with treesOnDemand rarely has anything).
    const compact = compactModel(model, this.settings.limits, true);
    if (compact !== model) this.index.set(compact);
  }

  removeFile(uri: string): void {
    this.index.delete(uri);
  }

  getFile(uri: string): FileModel | undefined {
    return this.index.get(uri);
  }

  findings(uri: string): Finding[] {
    return drain(this.findingsSteps(uri));
  }

  /**
   * Checks many files at once (the CLI): the same findings as setFile for every file followed by
   * findings for every file, in the order given, with far less memory held and less work: documents
   * are parsed for their values, a tree is parsed only to report a finding in it (compact.ts), and
   * the cross-resource rules run once every file is in.
   */
  checkAll(files: readonly { uri: string; text: string }[]): Finding[][] {
    const checked = files.map((f) => this.checkDocuments(f.uri, f.text));
    for (const c of checked) this.index.set(c.model);
    return checked.map((c) => this.checkAcross(c.model.uri, c.own));
  }

  /**
   * checkAll's first half for one file, without touching the index: the compacted model (for
   * index.set, in file order) and the file's own findings (not final: see checkAcross). Documents are
   * parsed for their values only where the fast parser takes them (model.ts treesOnDemand); the few
   * it does not take are compacted once checked.
   */
  checkDocuments(uri: string, text: string): { model: FileModel; own: Finding[] } {
    const { limits } = this.settings;
    const docRules = this.options.docRules ?? DOC_RULES;
    const minor = minorOf(this.settings);
    const model = buildFileModel(uri, text, limits, undefined, { treesOnDemand: true });
    const own: Finding[] = [...model.problems];
    let next = 0;
    for (const doc of model.docs) {
      // Resources are in document order, at most one per document.
      const r = model.resources[next]?.doc === doc ? model.resources[next++] : undefined;
      if (!doc.templated) own.push(...checkDocument(doc, r, uri, this.settings, minor, docRules, this.options));
    }
    return { model: compactModel(model, limits), own };
  }

  /** checkAll's second half for one file in the index: adds the cross-resource findings to `own` and finalizes. */
  checkAcross(uri: string, own: readonly Finding[]): Finding[] {
    const model = this.index.get(uri);
    if (!model) return [];
    const cross = drain(workspaceFindingsSteps(model, this.index, this.settings, this.options));
    return finalizeFindings([...own, ...cross], model, this.settings);
  }

  /** findings() one uncached document or workspace rule per step; valid while no file or setting changes. */
  *findingsSteps(uri: string): Steps<Finding[]> {
    const model = this.index.get(uri);
    return model ? yield* analyzeFileSteps(model, this.index, this.settings, this.options) : [];
  }
}
