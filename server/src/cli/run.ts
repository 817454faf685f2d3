// One checker run: flags + inputs -> output text and exit code. No process globals, so tests call it directly.
import { pathToFileURL } from 'node:url';
import { Baseline } from '../core/baseline';
import { generatedResources } from '../core/features/generated';
import { predictNames } from '../core/names';
import { Project } from '../core/project';
import { normalizeSettings } from '../core/settings';
import { parseArgs, UsageError, USAGE, type CliOptions } from './args';
import { closestCode, ruleCatalog } from './catalog';
import { InputError, readInputs } from './inputs';
import { jsonNames, textNames, type JsonNames } from './names';
import { count, jsonFinding, locate, summaryLine, textLine, type Located } from './output';
import { toSarif } from './sarif';

export interface CliIO {
  cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Reads all of standard input (only called for the `-` argument). */
  readStdin(): string;
  version: string;
}

export const EXIT_OK = 0;
export const EXIT_ERRORS = 1;
export const EXIT_USAGE = 2;

export function runCli(argv: readonly string[], io: CliIO): number {
  let opts: CliOptions;
  try {
    opts = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`statefulset-lint: ${e.message}\nRun 'statefulset-lint --help' for usage.\n`);
    return EXIT_USAGE;
  }
  if (opts.help) {
    io.stdout(USAGE + '\n');
    return EXIT_OK;
  }
  if (opts.version) {
    io.stdout(io.version + '\n');
    return EXIT_OK;
  }
  // The catalog only to check --rule codes (building it sorts with localeCompare, whose first call
  // sets up a collator: ~10 ms of every run otherwise).
  const known = Object.keys(opts.rules).length ? ruleCatalog().map((r) => r.id) : [];
  for (const code of Object.keys(opts.rules)) {
    if (known.includes(code)) continue;
    const near = closestCode(code, known);
    io.stderr(`statefulset-lint: --rule: unknown rule code '${code}'${near ? ` (did you mean '${near}'?)` : ''}\n`);
    return EXIT_USAGE;
  }
  if (!opts.paths.length) {
    io.stderr(`statefulset-lint: no files given (use '-' to read standard input)\n\n${USAGE}\n`);
    return EXIT_USAGE;
  }
  let inputs;
  let baseline;
  try {
    inputs = readInputs(opts.paths, io.cwd, io.readStdin);
    baseline = readInputs(opts.baseline, io.cwd, io.readStdin);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    io.stderr(e.message.split('\n').map((l) => `statefulset-lint: ${l}\n`).join(''));
    return EXIT_USAGE;
  }

  const settings = normalizeSettings({
    kubernetesVersion: opts.kubernetesVersion,
    clusterDomain: opts.clusterDomain,
    defaultNamespace: opts.namespace,
    rules: opts.rules,
  });
  const project = new Project(settings);
  if (opts.baseline.length) {
    project.index.baseline = new Baseline('the baseline');
    for (const b of baseline) project.index.baseline.set(b.uri, b.text, settings.limits);
  }
  // Cross-file rules see the whole set: checkAll adds every file before running them.
  const findings = project.checkAll(inputs);

  const found: Located[] = [];
  const names: { file: string; names: JsonNames; text: string[] }[] = [];
  let documents = 0;
  let namesakes = 0;
  for (const [i, input] of inputs.entries()) {
    const model = project.getFile(input.uri)!;
    documents += model.docs.length;
    if (project.index.baseline) for (const r of model.resources) if (project.index.baseline.find(r, settings.defaultNamespace)) namesakes++;
    for (const f of findings[i]) {
      if (opts.quiet && f.severity !== 'error') continue;
      found.push(locate(input.display, model.lines, f));
    }
    if (opts.names) {
      for (const r of model.resources) {
        if (r.kind !== 'StatefulSet' || !r.value) continue;
        const p = predictNames(r, settings, project.index);
        names.push({ file: input.display, names: jsonNames(input.display, p), text: textNames(input.display, p) });
      }
    }
  }

  // A baseline that matches nothing is most likely the wrong path: say so rather than report a clean comparison.
  if (project.index.baseline && !namesakes) {
    const where = opts.baseline.join(', ');
    io.stderr(project.index.baseline.resources
      ? `statefulset-lint: --baseline: no resource checked has a namesake (same kind, namespace and name) in ${where}: nothing was compared.\n`
      : `statefulset-lint: --baseline: no Kubernetes resources in ${where}: nothing was compared.\n`);
  }

  const counts = count(found);
  if (opts.generated) {
    // The YAML alone on standard output (it can be piped or saved); the findings on standard error.
    const yaml = inputs.flatMap((input) => generatedResources(project, input.uri)?.text ?? []);
    if (yaml.length) io.stdout(yaml.join('---\n'));
    const lines = found.map(textLine);
    if (!opts.quiet || found.length) lines.push(summaryLine(counts, inputs.length, documents));
    io.stderr(lines.join('\n') + '\n');
    if (!yaml.length) io.stderr('statefulset-lint: no StatefulSet in the input\n');
  } else if (opts.format === 'json') {
    const list = found.map(jsonFinding);
    io.stdout(JSON.stringify(opts.names ? { findings: list, names: names.map((n) => n.names) } : list, null, 2) + '\n');
  } else if (opts.format === 'sarif') {
    io.stdout(JSON.stringify(toSarif(found, io.version, pathToFileURL(io.cwd).href), null, 2) + '\n');
  } else {
    const lines: string[] = [];
    for (const n of names) lines.push(...n.text, '');
    for (const l of found) lines.push(textLine(l));
    if (!opts.quiet || found.length) lines.push(summaryLine(counts, inputs.length, documents));
    if (lines.length) io.stdout(lines.join('\n') + '\n');
  }
  return counts.error > 0 && !opts.exitZero ? EXIT_ERRORS : EXIT_OK;
}
