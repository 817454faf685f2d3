// End-to-end tests of the statefulset-lint command: spawns `node bin/statefulset-lint.js` (the built
// bundle) on the examples and on temporary directories, and checks exit codes and output shapes.
import { before, after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const bin = join(root, 'bin', 'statefulset-lint.js');
let tmp = '';

function lint(args: string[], opts: { cwd?: string; input?: string } = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: opts.cwd ?? root, input: opts.input ?? '', encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function write(rel: string, text: string): string {
  const p = join(tmp, rel);
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, text);
  return p;
}

const BROKEN = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: broken\ndata: [\n';
const SERVICE = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: nginx\nspec:\n  clusterIP: None\n  selector:\n    app: nginx\n  ports:\n    - name: web\n      port: 80\n';

before(() => {
  if (!existsSync(join(root, 'dist', 'cli.js'))) {
    const b = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, encoding: 'utf8' });
    assert.equal(b.status, 0, b.stderr);
  }
  tmp = mkdtempSync(join(tmpdir(), 'sts-cli-'));
});
after(() => rmSync(tmp, { recursive: true, force: true }));

describe('exit codes', () => {
  test('0 for the correct examples, with a summary line', () => {
    const r = lint(['examples/web.yaml', 'examples/mysql.yaml']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^No problems found \(2 files, 6 documents\)\.$/m);
  });

  test('1 when a file has an error finding', () => {
    const f = write('exit1/broken.yaml', BROKEN);
    const r = lint([f]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /error yaml-syntax /);
  });

  test('0 when --rule lowers the only error to a warning, and --quiet then hides it', () => {
    const f = write('quiet/broken.yaml', BROKEN);
    const loud = lint(['--rule', 'yaml-syntax=warning', f]);
    assert.equal(loud.code, 0);
    assert.match(loud.stdout, /warning yaml-syntax /);
    const quiet = lint(['--quiet', '--rule=yaml-syntax=warning', f]);
    assert.equal(quiet.code, 0);
    assert.equal(quiet.stdout, '');
    const off = lint(['--rule', 'yaml-syntax=off', f]);
    assert.equal(off.code, 0);
    assert.doesNotMatch(off.stdout, /yaml-syntax/);
  });

  test('--exit-zero: errors are shown but the exit code is 0; bad input still exits 2', () => {
    const f = write('exit-zero/broken.yaml', BROKEN);
    const r = lint(['--exit-zero', f]);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /error yaml-syntax /);
    assert.equal(lint(['--exit-zero', join(tmp, 'missing.yaml')]).code, 2);
  });

  test('2 for a path that does not exist, naming it on stderr', () => {
    const r = lint([join(tmp, 'nope.yaml')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /nope\.yaml: no such file or directory/);
    assert.equal(r.stdout, '');
  });

  test('2 for a directory without YAML files', () => {
    write('empty-dir/readme.txt', 'hello');
    const r = lint([join(tmp, 'empty-dir')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /empty-dir: directory contains no \.yaml or \.yml files/);
  });

  test('2 for a file that is not YAML', () => {
    const f = write('notes.txt', 'kind: Service');
    const r = lint([f]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /notes\.txt: not a YAML file/);
  });

  test('2 for an unreadable file', { skip: process.getuid?.() === 0 ? 'root can read any file' : false }, () => {
    const f = write('secret.yaml', SERVICE);
    spawnSync('chmod', ['000', f]);
    const r = lint([f]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /secret\.yaml: permission denied/);
  });

  for (const [args, msg] of [
    [['--format', 'xml', 'examples'], /--format must be text, json or sarif/],
    [['--k8s-version', '2.0', 'examples'], /--k8s-version must be one of 1\.27/],
    [['--namespace', 'Prod', 'examples'], /--namespace must be a DNS-1123 label/],
    [['--cluster-domain', 'a..b', 'examples'], /--cluster-domain must be a DNS domain/],
    [['--rule', 'yaml-syntax=loud', 'examples'], /--rule must look like code=error\|warning\|info\|off/],
    [['--bogus', 'examples'], /unknown option --bogus/],
    [['--rule', 'claim-template-unmount=off', 'examples'], /unknown rule code 'claim-template-unmount' \(did you mean 'claim-template-unmounted'\?\)/],
    [['--format'], /--format needs a value/],
    [[], /no files given/],
  ] as const) {
    test(`2 for bad usage: ${args.join(' ') || '(no arguments)'}`, () => {
      const r = lint([...args]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, msg);
      assert.equal(r.stdout, '');
    });
  }

  test('--help and --version exit 0', () => {
    assert.match(lint(['--help']).stdout, /^Usage: statefulset-lint/);
    assert.match(lint(['--version']).stdout, /^\d+\.\d+\.\d+\n$/);
  });
});

describe('output formats', () => {
  test('text: file:line:col severity code message, paths relative to the working directory, then a summary', () => {
    write('text/a/broken.yaml', BROKEN);
    const r = lint(['a'], { cwd: join(tmp, 'text') });
    const lines = r.stdout.trimEnd().split('\n');
    assert.match(lines[0], /^a\/broken\.yaml:6:1 error yaml-syntax \S.*$/);
    assert.match(lines[lines.length - 1], /^1 error, 0 warnings, 0 info \(1 file, 1 document\)\.$/);
  });

  test('json: an array of {file, range (0-based), severity, code, message}', () => {
    const f = write('json/broken.yaml', BROKEN);
    const r = lint(['--format', 'json', f], { cwd: join(tmp, 'json') });
    const out = JSON.parse(r.stdout);
    assert.ok(Array.isArray(out) && out.length >= 1);
    assert.deepEqual(Object.keys(out[0]).sort(), ['code', 'file', 'message', 'range', 'severity']);
    assert.equal(out[0].file, 'broken.yaml');
    assert.deepEqual(out[0].range.start, { line: 5, character: 0 });
    assert.equal(out[0].severity, 'error');
    assert.equal(out[0].code, 'yaml-syntax');
  });

  test('json of correct files is an empty array', () => {
    const r = lint(['--format', 'json', 'examples/web.yaml']);
    assert.equal(r.code, 0);
    assert.deepEqual(JSON.parse(r.stdout), []);
  });

  test('sarif: 2.1.0 log with described rules and 1-based regions', () => {
    write('sarif/broken.yaml', BROKEN);
    const r = lint(['--format', 'sarif', 'broken.yaml'], { cwd: join(tmp, 'sarif') });
    assert.equal(r.code, 1);
    const log = JSON.parse(r.stdout);
    assert.equal(log.version, '2.1.0');
    const run = log.runs[0];
    assert.equal(run.tool.driver.name, 'statefulset-lint');
    const rule = run.tool.driver.rules.find((x: { id: string }) => x.id === 'yaml-syntax');
    assert.ok(rule && rule.shortDescription.text.length > 10);
    const res = run.results[0];
    assert.equal(res.ruleId, 'yaml-syntax');
    assert.equal(run.tool.driver.rules[res.ruleIndex].id, 'yaml-syntax');
    assert.equal(res.level, 'error');
    const loc = res.locations[0].physicalLocation;
    assert.deepEqual(loc.artifactLocation, { uri: 'broken.yaml', uriBaseId: '%SRCROOT%' });
    assert.equal(loc.region.startLine, 6);
    assert.equal(loc.region.startColumn, 1);
  });

  test('stdin: `-` reads one YAML stream, reported as <stdin>', () => {
    const r = lint(['-'], { input: BROKEN });
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^<stdin>:6:1 error yaml-syntax /m);
    const ok = lint(['--format', 'json', '-'], { input: SERVICE });
    assert.equal(ok.code, 0);
    assert.deepEqual(JSON.parse(ok.stdout), []);
  });
});

describe('--names', () => {
  test('web: pods, PVCs and DNS names in JSON', () => {
    const r = lint(['--names', '--format', 'json', 'examples/web.yaml']);
    assert.equal(r.code, 0);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(out.findings, []);
    assert.equal(out.names.length, 1);
    const web = out.names[0];
    assert.equal(web.file, 'examples/web.yaml');
    assert.equal(web.name, 'web');
    assert.equal(web.namespace, 'default');
    assert.deepEqual(web.pods, ['web-0', 'web-1']);
    assert.deepEqual(web.pvcs, ['www-web-0', 'www-web-1']);
    assert.deepEqual(web.podDNS, ['web-0.nginx.default.svc.cluster.local', 'web-1.nginx.default.svc.cluster.local']);
    assert.equal(web.serviceDNS, 'nginx.default.svc.cluster.local');
    assert.deepEqual(web.srv, ['_web._tcp.nginx.default.svc.cluster.local']);
    assert.equal(web.dnsCertain, true);
  });

  test('--namespace and --cluster-domain change the predicted names', () => {
    const r = lint(['--names', '--format=json', '--namespace', 'prod', '--cluster-domain', 'example.org', 'examples/web.yaml']);
    const web = JSON.parse(r.stdout).names[0];
    assert.equal(web.namespace, 'prod');
    assert.equal(web.podDNS[1], 'web-1.nginx.prod.svc.example.org');
    assert.equal(web.serviceDNS, 'nginx.prod.svc.example.org');
  });

  test('text: a table per StatefulSet', () => {
    const r = lint(['--names', 'examples/web.yaml']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^StatefulSet web in namespace default \(examples\/web\.yaml\): 2 replicas$/m);
    assert.match(r.stdout, /^ {2}ordinal +pod +PVC \(www\) +pod DNS$/m);
    assert.match(r.stdout, /^ {2}0 +web-0 +www-web-0 +web-0\.nginx\.default\.svc\.cluster\.local$/m);
    assert.match(r.stdout, /^ {2}1 +web-1 +www-web-1 +web-1\.nginx\.default\.svc\.cluster\.local$/m);
  });

  test('files form one workspace: the Service in another file makes the DNS names certain', () => {
    const sts = 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\nspec:\n  serviceName: nginx\n  replicas: 1\n  selector:\n    matchLabels:\n      app: nginx\n  template:\n    metadata:\n      labels:\n        app: nginx\n    spec:\n      containers:\n        - name: nginx\n          image: nginx\n';
    write('ws/app/sts.yaml', sts);
    write('ws/svc/service.yml', SERVICE);
    const alone = JSON.parse(lint(['--names', '--format', 'json', 'app'], { cwd: join(tmp, 'ws') }).stdout).names[0];
    assert.equal(alone.dnsCertain, false);
    const both = JSON.parse(lint(['--names', '--format', 'json', '.'], { cwd: join(tmp, 'ws') }).stdout).names[0];
    assert.equal(both.file, 'app/sts.yaml');
    assert.equal(both.dnsCertain, true);
    assert.deepEqual(both.srv, ['_web._tcp.nginx.default.svc.cluster.local']);
    // The cross-file rule sees the Service only when both files are given.
    const codes = (args: string[]) => (JSON.parse(lint(['--format', 'json', ...args], { cwd: join(tmp, 'ws') }).stdout) as { code: string }[]).map((x) => x.code);
    assert.ok(codes(['app']).includes('governing-service-missing'));
    assert.deepEqual(codes(['app', 'svc']), []);
  });
});

// shared/ is laid beside the clone in CI and at /work/shared on a developer machine.
const corpus = [join(root, '..', 'shared', 'corpus', 'files'), '/work/shared/corpus/files'].find((p) => existsSync(p));

describe('real manifests', () => {
  test('the shared corpus: every file analysed, valid JSON, no rule crashes', { skip: corpus ? false : 'shared/corpus not found' }, () => {
    const r = lint(['--format', 'json', corpus!]);
    assert.ok(r.code === 0 || r.code === 1, r.stderr);
    const out: { file: string; code: string; severity: string; range: { start: { line: number } } }[] = JSON.parse(r.stdout);
    assert.deepEqual(out.filter((f) => f.code === 'internal-error'), []);
    for (const f of out) assert.ok(f.range.start.line >= 0 && ['error', 'warning', 'info'].includes(f.severity));
    const text = lint([corpus!]);
    assert.match(text.stdout, /\(120 files, \d+ documents\)\.$/m);
  });

  test('the seed note fixtures: each directory analysed as one workspace, mistakes reported as errors', () => {
    const r = lint(['--format', 'json', 'test/fixtures/seed/05-mysql-draft.workspace']);
    assert.equal(r.code, 1);
    const out: { file: string; code: string; range: { start: { line: number } } }[] = JSON.parse(r.stdout);
    // `apiVerison: v1` is line 16 of the fixture (0-based 15).
    assert.ok(out.some((f) => f.file.endsWith('2-services.yaml') && f.range.start.line === 15), JSON.stringify(out));
  });
});

describe('pipes', () => {
  test('a reader that closes early (| head) does not crash the command', async () => {
    const sts = (i: number) => `apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: s${i}\nspec:\n  serviceName: s${i}\n  replicas: 5\n  selector:\n    matchLabels:\n      app: s${i}\n  template:\n    metadata:\n      labels:\n        app: s${i}\n    spec:\n      containers:\n        - name: c\n          image: nginx\n`;
    const f = write('pipe/many.yaml', Array.from({ length: 400 }, (_, i) => sts(i)).join('---\n'));
    const child = spawn(process.execPath, [bin, '--names', f], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += d; });
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    assert.doesNotMatch(stderr, /EPIPE|Unhandled/);
    assert.ok(code === 0 || code === 1, `exit ${code}: ${stderr}`);
  });
});

describe('directory search', () => {
  test('recursive, *.yaml and *.yml, skipping node_modules and dot-directories', () => {
    write('walk/a.yaml', SERVICE);
    write('walk/deep/er/b.yml', SERVICE.replace('nginx', 'other'));
    write('walk/node_modules/x.yaml', BROKEN);
    write('walk/.git/y.yaml', BROKEN);
    write('walk/c.json', '{}');
    const r = lint(['walk'], { cwd: tmp });
    assert.equal(r.code, 0, r.stdout);
    assert.match(r.stdout, /\(2 files, 2 documents\)/);
  });
});
