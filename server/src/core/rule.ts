// What a rule is, and the context it reports through. One rule per file under rules/, named by its code.
import type { Resource } from './model';
import { nodeRange, reportRange, type PathSeg } from './nodes';
import type { ResourceIndex } from './workspace';
import type { Finding, Fix, RelatedLocation, Settings, Severity, Span } from './types';

export interface Report {
  /** Where: a path from the document root (reports on the value, else the key, else the parent)... */
  path?: readonly PathSeg[];
  /** ...or a yaml node of the resource's document... */
  node?: unknown;
  /** ...or an absolute file span. */
  span?: Span;
  message: string;
  /** Defaults to the rule's severity. */
  severity?: Severity;
  fixes?: Fix[];
  related?: RelatedLocation[];
  tags?: Finding['tags'];
}

export interface RuleContext {
  readonly settings: Settings;
  /** Kubernetes minor version targeted (e.g. 34 for 1.34). */
  readonly minor: number;
  /** Absolute file span of a document node of `r`. */
  span(r: Resource, node: unknown): Span | undefined;
  /** Absolute file span for a path in `r` (value, else key, else nearest ancestor). */
  spanOf(r: Resource, path: readonly PathSeg[]): Span;
  report(r: Resource, report: Report): void;
}

export interface DocRule {
  readonly code: string;
  readonly severity: Severity;
  /** One sentence for the README and hover. */
  readonly description: string;
  /** Kinds checked; '*' for every document. */
  readonly kinds: readonly string[] | '*';
  check(r: Resource, ctx: RuleContext): void;
}

export interface WorkspaceRuleContext extends RuleContext {
  readonly index: ResourceIndex;
  /** Resources of the file being analysed (findings are reported only in this file). */
  readonly resources: readonly Resource[];
}

/** A cross-resource rule: looks at other documents and files through the index. */
export interface WorkspaceRule {
  readonly code: string;
  readonly severity: Severity;
  readonly description: string;
  check(ctx: WorkspaceRuleContext): void;
}

/** Creates a context that collects findings into `out`. */
export function makeContext(settings: Settings, minor: number, rule: { code: string; severity: Severity }, out: Finding[]): RuleContext {
  const span = (r: Resource, node: unknown): Span | undefined => {
    const rg = nodeRange(node);
    return rg ? { start: r.doc.offset + rg[0], end: r.doc.offset + rg[1] } : undefined;
  };
  const spanOf = (r: Resource, path: readonly PathSeg[]): Span => {
    const [s, e] = reportRange(r.root, path);
    return { start: r.doc.offset + s, end: r.doc.offset + e };
  };
  return {
    settings,
    minor,
    span,
    spanOf,
    report(r, rep) {
      const where = rep.span ?? (rep.node !== undefined ? span(r, rep.node) : undefined) ?? spanOf(r, rep.path ?? []);
      out.push({
        uri: r.uri,
        code: rule.code,
        severity: rep.severity ?? rule.severity,
        message: rep.message,
        start: where.start,
        end: where.end,
        ...(rep.fixes?.length ? { fixes: rep.fixes } : {}),
        ...(rep.related?.length ? { related: rep.related } : {}),
        ...(rep.tags?.length ? { tags: rep.tags } : {}),
      });
    },
  };
}
