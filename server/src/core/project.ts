// A set of files analysed together (a workspace, or the CLI's arguments): the engine's front door.
// setFile and findings also come stepwise (see steps.ts), for callers that must stay responsive.
import { analyzeFileSteps, type AnalyzeOptions } from './analyze';
import { buildFileModelSteps, type FileModel, type ReusableDocs } from './model';
import { DEFAULT_SETTINGS } from './settings';
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
   * replaces the previous model as the source of reusable documents (see mergeReusable).
   */
  *setFileSteps(uri: string, text: string, reuse?: ReusableDocs): Steps<FileModel, ReusableDocs> {
    const model = yield* buildFileModelSteps(uri, text, this.settings.limits, reuse ?? this.index.get(uri));
    this.index.set(model);
    return model;
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

  /** findings() one uncached document or workspace rule per step; valid while no file or setting changes. */
  *findingsSteps(uri: string): Steps<Finding[]> {
    const model = this.index.get(uri);
    return model ? yield* analyzeFileSteps(model, this.index, this.settings, this.options) : [];
  }
}
