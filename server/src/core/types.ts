// Shared vocabulary of the analysis core: findings, fixes and settings, all in text offsets.
// Nothing here knows about LSP, VS Code, the file system or timers.

export type Severity = 'error' | 'warning' | 'info';

/** A half-open range [start, end) of UTF-16 offsets into one file's text. */
export interface Span {
  start: number;
  end: number;
}

/** Replace [start, end) of the file `uri` with newText. */
export interface TextEdit extends Span {
  uri: string;
  newText: string;
}

export interface Fix {
  title: string;
  /** Edits in any open or indexed file (usually the finding's own). */
  edits: TextEdit[];
  /** Files to create (e.g. a new headless Service next to the StatefulSet). */
  createFiles?: { uri: string; text: string }[];
  /** The one fix an editor may apply without asking (e.g. an obvious typo). */
  isPreferred?: boolean;
}

export interface RelatedLocation extends Span {
  uri: string;
  message: string;
}

export interface Finding extends Span {
  /** Stable kebab-case rule code, e.g. `service-not-headless`. */
  code: string;
  severity: Severity;
  message: string;
  /** The file the offsets refer to. */
  uri: string;
  fixes?: Fix[];
  related?: RelatedLocation[];
  /** Marks findings that point at unused or deprecated things (editors fade or strike them). */
  tags?: ('unnecessary' | 'deprecated')[];
}

/** Which files get diagnostics in an editor (setting diagnosticMode). */
export type DiagnosticMode = 'openFilesOnly' | 'workspace';

/** What an editor compares open files with for immutable-field-changed (setting baseline). */
export type BaselineMode = 'off' | 'gitHead';

/** User-facing settings; the single source of truth is server/src/core/settings.ts. */
export interface Settings {
  /** Cluster DNS domain, e.g. cluster.local. */
  clusterDomain: string;
  /** Namespace assumed for resources that do not set metadata.namespace. */
  defaultNamespace: string;
  /** Target Kubernetes minor version as "1.NN". */
  kubernetesVersion: string;
  /** Per-rule severity override; 'off' disables the rule. */
  rules: Record<string, Severity | 'off'>;
  inlayHints: boolean;
  /** Which files get diagnostics in an editor: the open ones, or every YAML file of the workspace. */
  diagnosticMode: DiagnosticMode;
  /** What an editor compares open files with (the CLI has --baseline instead). */
  baseline: BaselineMode;
  /** Upper bounds that keep hostile input from hurting the editor. */
  limits: Limits;
}

export interface Limits {
  maxFileBytes: number;
  /** One `---` document larger than this is not parsed (the yaml parser cannot yield inside one). */
  maxDocumentBytes: number;
  maxDocuments: number;
  maxAliasCount: number;
  maxDepth: number;
}
