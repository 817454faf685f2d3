// A pod volume's claimName must name a PersistentVolumeClaim in the namespace, or the pods stay Pending.
import { missingSeverity, podTemplate } from '../crossref';
import { namespaceOf } from '../model';
import { claimTemplateNames, isObj } from '../names';
import type { WorkspaceRule } from '../rule';

export const claimNotFound: WorkspaceRule = {
  code: 'claim-not-found',
  severity: 'warning',
  description: 'A StatefulSet (or Pod) volume refers to a PersistentVolumeClaim (claimName) that is not in the namespace: the pods cannot start until it exists.',
  check(ctx) {
    const dflt = ctx.settings.defaultNamespace;
    for (const sts of ctx.resources) {
      // A bare Pod's volumes are checked the same way (no claim templates, one pod).
      if (sts.kind !== 'StatefulSet' && sts.kind !== 'Pod') continue;
      const t = podTemplate(sts);
      if (!t || !Array.isArray(t.spec.volumes)) continue;
      const templates = new Set(claimTemplateNames(sts.value));
      const ns = namespaceOf(sts, dflt);
      t.spec.volumes.forEach((v: unknown, i: number) => {
        if (!isObj(v) || !isObj(v.persistentVolumeClaim)) return;
        // A claim template of the same name replaces this volume: its claimName is never used.
        if (typeof v.name === 'string' && templates.has(v.name)) return;
        const claim = v.persistentVolumeClaim.claimName;
        if (typeof claim !== 'string' || claim === '') return;
        if (ctx.index.find('PersistentVolumeClaim', ns, claim, dflt).length) return;
        const isSts = sts.kind === 'StatefulSet';
        const shared = isSts && (Number(sts.value?.spec?.replicas ?? 1) || 0) > 1 ? ' Note: every replica mounts this same claim.' : '';
        ctx.report(sts, {
          path: [...t.specPath, 'volumes', i, 'persistentVolumeClaim', 'claimName'],
          severity: missingSeverity(ctx.index, sts, 'PersistentVolumeClaim', ns, dflt),
          message: `No PersistentVolumeClaim '${claim}' in namespace '${ns}' in the workspace: ${isSts ? 'pods stay Pending until it exists. For one claim per pod, use a volumeClaimTemplate instead.' : 'the pod stays Pending until it exists.'}${shared}`,
        });
      });
    }
  },
};
