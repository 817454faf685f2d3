// A set of files analysed together (a workspace, or the CLI's arguments): the engine's front door.
import { analyzeFile, type AnalyzeOptions } from './analyze';
import { buildFileModel, type FileModel } from './model';
import { DEFAULT_SETTINGS } from './settings';
import { ResourceIndex } from './workspace';
import type { Finding, Settings } from './types';

export class Project {
  readonly index = new ResourceIndex();

  constructor(public settings: Settings = DEFAULT_SETTINGS, private readonly options: AnalyzeOptions = {}) {}

  /** Adds or replaces a file; unchanged documents of the previous version are reused. */
  setFile(uri: string, text: string): FileModel {
    const model = buildFileModel(uri, text, this.settings.limits, this.index.get(uri));
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
    const model = this.index.get(uri);
    return model ? analyzeFile(model, this.index, this.settings, this.options) : [];
  }
}
