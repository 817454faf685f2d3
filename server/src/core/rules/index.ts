// The rule registry: every rule file is listed here once. Keep the lists sorted by code.
import type { DocRule, WorkspaceRule } from '../rule';
// Cross-resource (workspace) rules.
import { claimNotFound } from './claim-not-found';
import { configMapKeyNotFound } from './configmap-key-not-found';
import { configMapNotFound } from './configmap-not-found';
import { duplicateResource } from './duplicate-resource';
import { governingServiceMissing } from './governing-service-missing';
import { governingServiceNotHeadless } from './governing-service-not-headless';
import { governingServiceSelectorMismatch } from './governing-service-selector-mismatch';
import { peerNameNotFound } from './peer-name-not-found';
import { pvClaimNotFound } from './pv-claim-not-found';
import { pvClaimTemplateMismatch } from './pv-claim-template-mismatch';
import { pvcNameCollision } from './pvc-name-collision';
import { pvcVolumeNotFound } from './pvc-volume-not-found';
import { serviceSelectsNothing } from './service-selects-nothing';
import { serviceTargetPortNotFound } from './service-target-port-not-found';
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
  claimNotFound,
  configMapKeyNotFound,
  configMapNotFound,
  duplicateResource,
  governingServiceMissing,
  governingServiceNotHeadless,
  governingServiceSelectorMismatch,
  peerNameNotFound,
  pvClaimNotFound,
  pvClaimTemplateMismatch,
  pvcNameCollision,
  pvcVolumeNotFound,
  serviceSelectsNothing,
  serviceTargetPortNotFound,
];
