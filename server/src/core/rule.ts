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

/**
 * The context rules report through, collecting findings into `out`. A class, not closures: the
 * analysis creates one per rule and document, and its methods are shared.
 */
export class Context implements RuleContext {
  /**
   * `rule` is the rule whose findings this collects. The analysis of one document moves one context
   * from rule to rule (rules use their context only during check).
   */
  constructor(readonly settings: Settings, readonly minor: number, public rule: { code: string; severity: Severity }, private readonly out: Finding[]) {}

  span(r: Resource, node: unknown): Span | undefined {
    const rg = nodeRange(node);
    return rg ? { start: r.doc.offset + rg[0], end: r.doc.offset + rg[1] } : undefined;
  }

  spanOf(r: Resource, path: readonly PathSeg[]): Span {
    const [s, e] = reportRange(r.root, path);
    return { start: r.doc.offset + s, end: r.doc.offset + e };
  }

  report(r: Resource, rep: Report): void {
    const where = rep.span ?? (rep.node !== undefined ? this.span(r, rep.node) : undefined) ?? this.spanOf(r, rep.path ?? []);
    this.out.push({
      uri: r.uri,
      code: this.rule.code,
      severity: rep.severity ?? this.rule.severity,
      message: rep.message,
      start: where.start,
      end: where.end,
      ...(rep.fixes?.length ? { fixes: rep.fixes } : {}),
      ...(rep.related?.length ? { related: rep.related } : {}),
      ...(rep.tags?.length ? { tags: rep.tags } : {}),
    });
  }
}

/** The context of a workspace rule: a Context that also sees the index and the file's resources. */
export class WorkspaceContext extends Context implements WorkspaceRuleContext {
  constructor(settings: Settings, minor: number, rule: { code: string; severity: Severity }, out: Finding[], readonly index: ResourceIndex, readonly resources: readonly Resource[]) {
    super(settings, minor, rule, out);
  }
}
