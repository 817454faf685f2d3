// The rule registry: every rule file is listed here once. Keep the lists sorted by code.
import type { DocRule, WorkspaceRule } from '../rule';
// Cross-resource (workspace) rules.
import { claimNotFound } from './claim-not-found';
import { claimTemplateVolumeName } from './claim-template-volume-name';
import { configMapKeyNotFound } from './configmap-key-not-found';
import { configMapNotFound } from './configmap-not-found';
import { duplicateResource } from './duplicate-resource';
import { governingServiceMissing } from './governing-service-missing';
import { governingServiceNotHeadless } from './governing-service-not-headless';
import { governingServiceSelectorMismatch } from './governing-service-selector-mismatch';
import { immutableFieldChanged } from './immutable-field-changed';
import { peerNameNotFound } from './peer-name-not-found';
import { pvClaimNotFound } from './pv-claim-not-found';
import { pvClaimTemplateMismatch } from './pv-claim-template-mismatch';
import { pvcNameCollision } from './pvc-name-collision';
import { pvcVolumeMismatch } from './pvc-volume-mismatch';
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
// Single-resource API-server and controller rules.
import { accessModes } from './access-modes';
import { claimTemplateDuplicate } from './claim-template-duplicate';
import { claimTemplateInvalidName } from './claim-template-invalid-name';
import { claimTemplateShadowsVolume } from './claim-template-shadows-volume';
import { claimTemplateUnmounted } from './claim-template-unmounted';
import { configMapKeyDuplicate } from './configmap-key-duplicate';
import { configMapKeyInvalid } from './configmap-key-invalid';
import { configMapTooLarge } from './configmap-too-large';
import { containerNameDuplicate } from './container-name-duplicate';
import { containerNameInvalid } from './container-name-invalid';
import { containerPortRange } from './container-port-range';
import { containersEmpty } from './containers-empty';
import { controllerOwnedLabel } from './controller-owned-label';
import { deprecatedField } from './deprecated-field';
import { envFieldPathInvalid } from './env-field-path-invalid';
import { envNameInvalid } from './env-name-invalid';
import { envReferenceOrder } from './env-reference-order';
import { envReferenceUndefined } from './env-reference-undefined';
import { envValueConflict } from './env-value-conflict';
import { imageMissing } from './image-missing';
import { initContainerProbe } from './init-container-probe';
import { invalidName } from './invalid-name';
import { labelInvalid } from './label-invalid';
import { maxUnavailableInvalid } from './max-unavailable-invalid';
import { memoryMillibytes } from './memory-millibytes';
import { mountPathDuplicate } from './mount-path-duplicate';
import { mountPathEmpty } from './mount-path-empty';
import { negativeValue } from './negative-value';
import { ondeleteWithRollingUpdate } from './ondelete-with-rolling-update';
import { partitionBlocksUpdates } from './partition-blocks-updates';
import { portNameInvalid } from './port-name-invalid';
import { probeHandler } from './probe-handler';
import { probePortInvalid } from './probe-port-invalid';
import { probePortUnknown } from './probe-port-unknown';
import { probeSuccessThreshold } from './probe-success-threshold';
import { pvCapacity } from './pv-capacity';
import { pvLocalNodeAffinity } from './pv-local-node-affinity';
import { pvVolumeSource } from './pv-volume-source';
import { requestExceedsLimit } from './request-exceeds-limit';
import { resourceQuantityInvalid } from './resource-quantity-invalid';
import { revisionHistoryLimitNegative } from './revision-history-limit-negative';
import { selectorEmpty } from './selector-empty';
import { selectorExpressionInvalid } from './selector-expression-invalid';
import { selectorMismatch } from './selector-mismatch';
import { serviceClusterIpInvalid } from './service-cluster-ip-invalid';
import { serviceHeadlessType } from './service-headless-type';
import { serviceNameEmpty } from './service-name-empty';
import { serviceNameInvalid } from './service-name-invalid';
import { serviceNodePortForbidden } from './service-node-port-forbidden';
import { servicePortDuplicate } from './service-port-duplicate';
import { servicePortInvalid } from './service-port-invalid';
import { servicePortName } from './service-port-name';
import { servicePortsMissing } from './service-ports-missing';
import { statefulsetNameTooLong } from './statefulset-name-too-long';
import { storageClassInvalid } from './storage-class-invalid';
import { storageRequest } from './storage-request';
import { subPathInvalid } from './sub-path-invalid';
import { templateActiveDeadline } from './template-active-deadline';
import { templateHostnameIgnored } from './template-hostname-ignored';
import { templateRestartPolicy } from './template-restart-policy';
import { volumeMountUnknown } from './volume-mount-unknown';
import { volumeNameInvalid } from './volume-name-invalid';
import { volumeSource } from './volume-source';

export const DOC_RULES: DocRule[] = [
  accessModes,
  apiVersion,
  claimTemplateDuplicate,
  claimTemplateInvalidName,
  claimTemplateShadowsVolume,
  claimTemplateUnmounted,
  configMapKeyDuplicate,
  configMapKeyInvalid,
  configMapTooLarge,
  containerNameDuplicate,
  containerNameInvalid,
  containerPortRange,
  containersEmpty,
  controllerOwnedLabel,
  deprecatedField,
  envFieldPathInvalid,
  envNameInvalid,
  envReferenceOrder,
  envReferenceUndefined,
  envValueConflict,
  imageMissing,
  initContainerProbe,
  invalidEnum,
  invalidName,
  invalidType,
  labelInvalid,
  maxUnavailableInvalid,
  memoryMillibytes,
  missingKindOrApiVersion,
  missingRequired,
  mountPathDuplicate,
  mountPathEmpty,
  negativeValue,
  ondeleteWithRollingUpdate,
  partitionBlocksUpdates,
  portNameInvalid,
  probeHandler,
  probePortInvalid,
  probePortUnknown,
  probeSuccessThreshold,
  pvCapacity,
  pvLocalNodeAffinity,
  pvVolumeSource,
  requestExceedsLimit,
  resourceQuantityInvalid,
  revisionHistoryLimitNegative,
  selectorEmpty,
  selectorExpressionInvalid,
  selectorMismatch,
  serviceClusterIpInvalid,
  serviceHeadlessType,
  serviceNameEmpty,
  serviceNameInvalid,
  serviceNodePortForbidden,
  servicePortDuplicate,
  servicePortInvalid,
  servicePortName,
  servicePortsMissing,
  statefulsetNameTooLong,
  storageClassInvalid,
  storageRequest,
  subPathInvalid,
  templateActiveDeadline,
  templateHostnameIgnored,
  templateRestartPolicy,
  unknownField,
  unknownKind,
  volumeMountUnknown,
  volumeNameInvalid,
  volumeSource,
];

export const WORKSPACE_RULES: WorkspaceRule[] = [
  claimNotFound,
  claimTemplateVolumeName,
  configMapKeyNotFound,
  configMapNotFound,
  duplicateResource,
  governingServiceMissing,
  governingServiceNotHeadless,
  governingServiceSelectorMismatch,
  immutableFieldChanged,
  peerNameNotFound,
  pvClaimNotFound,
  pvClaimTemplateMismatch,
  pvcNameCollision,
  pvcVolumeMismatch,
  pvcVolumeNotFound,
  serviceSelectsNothing,
  serviceTargetPortNotFound,
];
