// Reads expectations annotated in fixture YAML and compares them with the engine's findings.
//
//   replicas: "3"          # expect: invalid-type
//   # expect-next-line: yaml-syntax(error), other-code
//   # settings: {"kubernetesVersion": "1.36"}      (anywhere; merged into the settings)
//
// Each expectation is a finding code, optionally with its severity in parentheses, on the line
// where the finding starts. Every finding must be expected and every expectation found.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Project } from '../../server/src/core/project';
import { normalizeSettings } from '../../server/src/core/settings';
import type { Finding } from '../../server/src/core/types';

export interface Expectation {
  line: number; // 0-based
  code: string;
  severity?: string;
}

const EXPECT = /#\s*expect(-next-line)?:\s*([^#\n]+)/;
const SETTINGS = /#\s*settings:\s*(\{.*\})\s*$/;

export function readExpectations(text: string): { expectations: Expectation[]; settings: Record<string, unknown> } {
  const expectations: Expectation[] = [];
  let settings: Record<string, unknown> = {};
  text.split(/\r?\n/).forEach((line, i) => {
    const s = SETTINGS.exec(line);
    if (s) settings = { ...settings, ...JSON.parse(s[1]) };
    const m = EXPECT.exec(line);
    if (!m) return;
    const target = m[1] ? i + 1 : i;
    for (const item of m[2].split(/[,\s]+/).filter(Boolean)) {
      const mm = /^([a-z0-9-]+)(?:\((error|warning|info)\))?$/.exec(item);
      if (!mm) throw new Error(`bad expectation '${item}' on line ${i + 1}`);
      expectations.push({ line: target, code: mm[1], severity: mm[2] });
    }
  });
  return { expectations, settings };
}

export interface FixtureResult {
  missing: string[];
  unexpected: string[];
  findings: Finding[];
}

/** Analyses `files` together (one workspace) and compares each file's findings with its annotations. */
export function checkFixtures(files: string[], extraSettings: Record<string, unknown> = {}): FixtureResult {
  const texts = files.map((f) => readFileSync(f, 'utf8'));
  let settings: Record<string, unknown> = { ...extraSettings };
  const perFile = texts.map((t) => readExpectations(t));
  for (const p of perFile) settings = { ...settings, ...p.settings };
  const project = new Project(normalizeSettings(settings));
  const uris = files.map((f) => pathToFileURL(f).href);
  uris.forEach((u, i) => project.setFile(u, texts[i]));
  const missing: string[] = [];
  const unexpected: string[] = [];
  const all: Finding[] = [];
  uris.forEach((u, i) => {
    const model = project.getFile(u)!;
    const findings = project.findings(u);
    all.push(...findings);
    const left = [...perFile[i].expectations];
    for (const f of findings) {
      const line = model.lines.positionAt(f.start).line;
      const k = left.findIndex((e) => e.line === line && e.code === f.code && (!e.severity || e.severity === f.severity));
      if (k >= 0) left.splice(k, 1);
      else unexpected.push(`${files[i]}:${line + 1}: ${f.severity} ${f.code}: ${f.message}`);
    }
    for (const e of left) missing.push(`${files[i]}:${e.line + 1}: expected ${e.code}${e.severity ? `(${e.severity})` : ''}`);
  });
  return { missing, unexpected, findings: all };
}

/** Every .yaml / .yml file under `dir`, recursively, in sorted order. */
export function yamlFilesIn(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...yamlFilesIn(p));
    else if (/\.ya?ml$/.test(name)) out.push(p);
  }
  return out;
}
