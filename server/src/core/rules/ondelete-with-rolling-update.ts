// updateStrategy.rollingUpdate is only allowed with type RollingUpdate; with OnDelete the API server rejects it.
import { isCoreApi } from '../k8s/pod';
import { at } from '../k8s/where';
import { deleteKey } from '../k8s/edit';
import type { DocRule } from '../rule';

export const ondeleteWithRollingUpdate: DocRule = {
  code: 'ondelete-with-rolling-update',
  severity: 'error',
  description: 'updateStrategy type OnDelete must not set rollingUpdate.',
  kinds: ['StatefulSet'],
  check(r, ctx) {
    if (!isCoreApi(r)) return;
    const us = r.value?.spec?.updateStrategy;
    if (us?.type !== 'OnDelete' || us.rollingUpdate == null) return;
    const path = ['spec', 'updateStrategy', 'rollingUpdate'];
    const del = deleteKey(r, path);
    ctx.report(r, {
      ...at(r, path),
      message: "rollingUpdate is only allowed when updateStrategy.type is 'RollingUpdate' (type is OnDelete).",
      fixes: del ? [{ title: 'Remove rollingUpdate', edits: [del], isPreferred: true }] : undefined,
    });
  },
};
