// The rule registry: every rule file is listed here once. Keep the lists sorted by code.
import type { DocRule, WorkspaceRule } from '../rule';

export const DOC_RULES: DocRule[] = [
];

export const WORKSPACE_RULES: WorkspaceRule[] = [
];
