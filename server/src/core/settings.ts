// The one definition of every user setting: defaults, validation and the text shown in VS Code.
// package.json `contributes.configuration` is generated from / tested against SETTINGS_SCHEMA.
import type { BaselineMode, DiagnosticMode, Limits, Settings, Severity } from './types';

export const SECTION = 'statefulset';

export const DEFAULT_LIMITS: Limits = {
  maxFileBytes: 8 * 1024 * 1024,
  // The API server refuses request bodies over 3 MiB, so no larger manifest can be applied.
  maxDocumentBytes: 3 * 1024 * 1024,
  maxDocuments: 5000,
  maxAliasCount: 1000,
  maxDepth: 200,
};

export const DEFAULT_SETTINGS: Settings = {
  clusterDomain: 'cluster.local',
  defaultNamespace: 'default',
  kubernetesVersion: '1.34',
  rules: {},
  inlayHints: true,
  diagnosticMode: 'openFilesOnly',
  baseline: 'off',
  limits: DEFAULT_LIMITS,
};

/** Kubernetes minor versions whose rules the engine knows. */
export const SUPPORTED_VERSIONS = ['1.27', '1.28', '1.29', '1.30', '1.31', '1.32', '1.33', '1.34', '1.35', '1.36'];

/** JSON-schema fragments for package.json contributes.configuration.properties (keys without the section). */
export const SETTINGS_SCHEMA: Record<string, { type: string | string[]; default: unknown; description: string; enum?: string[]; enumDescriptions?: string[]; additionalProperties?: unknown; scope?: string }> = {
  clusterDomain: {
    type: 'string',
    default: DEFAULT_SETTINGS.clusterDomain,
    description: 'Cluster DNS domain used to predict pod and Service DNS names (kubelet --cluster-domain).',
  },
  defaultNamespace: {
    type: 'string',
    default: DEFAULT_SETTINGS.defaultNamespace,
    description: 'Namespace assumed for resources that do not set metadata.namespace.',
  },
  kubernetesVersion: {
    type: 'string',
    default: DEFAULT_SETTINGS.kubernetesVersion,
    enum: SUPPORTED_VERSIONS,
    description: 'Kubernetes minor version whose API rules are checked (rules that changed between versions follow this).',
  },
  rules: {
    type: 'object',
    default: {},
    additionalProperties: { type: 'string', enum: ['error', 'warning', 'info', 'off'] },
    description: 'Override the severity of a rule by its code, or turn it off, e.g. {"claim-template-unmounted": "off"}.',
  },
  inlayHints: {
    type: 'boolean',
    default: DEFAULT_SETTINGS.inlayHints,
    description: 'Show predicted pod, PVC and DNS names inline after replicas, claim templates and serviceName.',
  },
  diagnosticMode: {
    type: 'string',
    default: DEFAULT_SETTINGS.diagnosticMode,
    enum: ['openFilesOnly', 'workspace'],
    enumDescriptions: ['Problems of the files open in the editor.', 'Problems of every YAML file in the workspace folders, open or not.'],
    description: 'Which files get diagnostics: the open ones (openFilesOnly), or every YAML file in the workspace folders (workspace; unopened files are checked in the background).',
  },
  baseline: {
    type: 'string',
    default: DEFAULT_SETTINGS.baseline,
    enum: ['off', 'gitHead'],
    enumDescriptions: ['No comparison.', "Compare each open file with its version at git HEAD (runs `git cat-file` in the file's folder)."],
    description: "Compare each open manifest with its committed version (git HEAD) and report changes the API server refuses to apply to an existing object, such as a StatefulSet's volumeClaimTemplates or serviceName (rule immutable-field-changed). Runs git, so it is off by default and ignored in untrusted workspaces.",
  },
  maxFileSize: {
    type: 'number',
    default: DEFAULT_LIMITS.maxFileBytes,
    description: 'Files larger than this many bytes are not analysed (a single diagnostic says so).',
  },
};

const SEVERITIES = new Set(['error', 'warning', 'info', 'off']);

/** Builds Settings from untrusted input (workspace/configuration, CLI flags); bad values fall back to defaults. */
export function normalizeSettings(raw: unknown): Settings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const str = (v: unknown, d: string) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : d);
  const rules: Record<string, Severity | 'off'> = {};
  if (r.rules && typeof r.rules === 'object') {
    for (const [k, v] of Object.entries(r.rules as Record<string, unknown>)) {
      if (typeof v === 'string' && SEVERITIES.has(v)) rules[k] = v as Severity | 'off';
    }
  }
  const version = str(r.kubernetesVersion, DEFAULT_SETTINGS.kubernetesVersion);
  const maxFile = typeof r.maxFileSize === 'number' && r.maxFileSize > 0 ? r.maxFileSize : DEFAULT_LIMITS.maxFileBytes;
  return {
    clusterDomain: str(r.clusterDomain, DEFAULT_SETTINGS.clusterDomain).replace(/^\.+|\.+$/g, ''),
    defaultNamespace: str(r.defaultNamespace, DEFAULT_SETTINGS.defaultNamespace),
    kubernetesVersion: /^1\.\d+$/.test(version) ? version : DEFAULT_SETTINGS.kubernetesVersion,
    rules,
    inlayHints: typeof r.inlayHints === 'boolean' ? r.inlayHints : DEFAULT_SETTINGS.inlayHints,
    diagnosticMode: r.diagnosticMode === 'workspace' || r.diagnosticMode === 'openFilesOnly' ? (r.diagnosticMode as DiagnosticMode) : DEFAULT_SETTINGS.diagnosticMode,
    baseline: r.baseline === 'gitHead' ? 'gitHead' : DEFAULT_SETTINGS.baseline,
    limits: { ...DEFAULT_LIMITS, maxFileBytes: maxFile },
  };
}

/** Minor version number of a "1.NN" string, for version-dependent rules. */
export function minor(settings: Settings): number {
  return Number(settings.kubernetesVersion.split('.')[1]);
}
