// The rule registry: every rule file is listed here once. Keep the lists sorted by code.
import type { DocRule, WorkspaceRule } from '../rule';
import { apiVersion } from './api-version';
import { invalidEnum } from './invalid-enum';
import { invalidType } from './invalid-type';
import { missingKindOrApiVersion } from './missing-kind-or-api-version';
import { missingRequired } from './missing-required';
import { unknownField } from './unknown-field';
import { unknownKind } from './unknown-kind';

export const DOC_RULES: DocRule[] = [
  apiVersion,
  invalidEnum,
  invalidType,
  missingKindOrApiVersion,
  missingRequired,
  unknownField,
  unknownKind,
];

export const WORKSPACE_RULES: WorkspaceRule[] = [
];
