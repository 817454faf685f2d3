// Command-line flags -> options for one checker run; every bad value becomes a usage error (exit 2).
import { SUPPORTED_VERSIONS } from '../core/settings';
import type { Severity } from '../core/types';

export type Format = 'text' | 'json' | 'sarif';

export interface CliOptions {
  format: Format;
  names: boolean;
  /** Print the pods and PVCs each StatefulSet creates, as YAML, instead of the findings (which go to stderr). */
  generated: boolean;
  quiet: boolean;
  /** Exit 0 even when error findings are reported (bad usage and unreadable input still exit 2). */
  exitZero: boolean;
  help: boolean;
  version: boolean;
  kubernetesVersion?: string;
  clusterDomain?: string;
  namespace?: string;
  rules: Record<string, Severity | 'off'>;
  /** Files, directories, or `-` for standard input. */
  paths: string[];
  /** The earlier version of the manifests (files or directories), for immutable-field-changed. */
  baseline: string[];
}

export class UsageError extends Error {}

export const USAGE = `Usage: statefulset-lint [options] <files or directories...>
       statefulset-lint [options] -          (read one YAML stream from standard input)

Checks Kubernetes StatefulSet, Service, PersistentVolumeClaim, PersistentVolume and ConfigMap
manifests. Directories are searched recursively for *.yaml and *.yml (node_modules and
dot-directories are skipped). All files are checked together, so cross-file rules work.

Options:
  --format text|json|sarif   output format (default text)
  --names                    also print the pods, PVCs and DNS names each StatefulSet creates
  --generated                print the pods and PVCs each StatefulSet creates, as YAML; findings go
                             to standard error (text only)
  --k8s-version X.Y          Kubernetes version whose rules apply (${SUPPORTED_VERSIONS[0]}..${SUPPORTED_VERSIONS[SUPPORTED_VERSIONS.length - 1]})
  --cluster-domain D         cluster DNS domain (default cluster.local)
  --namespace N              namespace for resources without metadata.namespace (default default)
  --rule code=SEVERITY       set a rule's severity: error, warning, info or off (repeatable)
  --baseline PATH            the earlier version of these manifests (a file or directory, e.g. a
                             checkout of the main branch; repeatable): report changes to fields
                             the API server never updates (a StatefulSet's volumeClaimTemplates...)
  --quiet                    report errors only
  --exit-zero                exit 0 even when errors are found (bad usage still exits 2)
  --no-code-cache            neither read nor write the compiled code this command keeps in the
                             temp directory (or in $STATEFULSET_CODE_CACHE_DIR) to start faster
  -h, --help                 show this help
  -v, --version              show the version

Exit status: 0 no errors, 1 at least one error finding, 2 bad usage or unreadable input.`;

const SEVERITIES = new Set(['error', 'warning', 'info', 'off']);
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_DOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Parses argv (without node and script). Accepts `--flag value` and `--flag=value`. */
export function parseArgs(argv: readonly string[]): CliOptions {
  const o: CliOptions = { format: 'text', names: false, generated: false, quiet: false, exitZero: false, help: false, version: false, rules: {}, paths: [], baseline: [] };
  let onlyPaths = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (onlyPaths || arg === '-' || !arg.startsWith('-')) {
      o.paths.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPaths = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const inline = arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = (): string => {
      if (inline !== undefined) return inline;
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    const noValue = () => {
      if (inline !== undefined) throw new UsageError(`${flag} takes no value`);
    };
    switch (flag) {
      case '--format': {
        const v = value();
        if (v !== 'text' && v !== 'json' && v !== 'sarif') throw new UsageError(`--format must be text, json or sarif (got '${v}')`);
        o.format = v;
        break;
      }
      case '--names':
        noValue();
        o.names = true;
        break;
      case '--generated':
        noValue();
        o.generated = true;
        break;
      case '--quiet':
      case '-q':
        noValue();
        o.quiet = true;
        break;
      case '--exit-zero':
        noValue();
        o.exitZero = true;
        break;
      case '--no-code-cache':
        // Read by cli/boot.ts before this bundle runs.
        noValue();
        break;
      case '--help':
      case '-h':
        o.help = true;
        break;
      case '--version':
      case '-v':
        o.version = true;
        break;
      case '--k8s-version':
      case '--kubernetes-version': {
        const v = value().replace(/^v/, '');
        if (!SUPPORTED_VERSIONS.includes(v)) throw new UsageError(`--k8s-version must be one of ${SUPPORTED_VERSIONS.join(', ')} (got '${v}')`);
        o.kubernetesVersion = v;
        break;
      }
      case '--cluster-domain': {
        const v = value().replace(/^\.+|\.+$/g, '');
        if (!DNS_DOMAIN.test(v) || v.length > 253) throw new UsageError(`--cluster-domain must be a DNS domain such as cluster.local (got '${v}')`);
        o.clusterDomain = v;
        break;
      }
      case '--namespace':
      case '-n': {
        const v = value();
        if (!DNS_LABEL.test(v) || v.length > 63) throw new UsageError(`--namespace must be a DNS-1123 label: lower-case letters, digits and '-', at most 63 characters (got '${v}')`);
        o.namespace = v;
        break;
      }
      case '--rule': {
        const v = value();
        const m = /^([a-z0-9][a-z0-9-]*)=(\w+)$/.exec(v);
        if (!m || !SEVERITIES.has(m[2])) throw new UsageError(`--rule must look like code=error|warning|info|off (got '${v}')`);
        o.rules[m[1]] = m[2] as Severity | 'off';
        break;
      }
      case '--baseline': {
        const v = value();
        if (v === '-') throw new UsageError('--baseline needs a file or directory (standard input is for the manifests)');
        o.baseline.push(v);
        break;
      }
      default:
        throw new UsageError(`unknown option ${flag}`);
    }
  }
  if (o.generated && (o.format !== 'text' || o.names)) throw new UsageError('--generated prints YAML: it does not combine with --format json/sarif or --names');
  return o;
}
