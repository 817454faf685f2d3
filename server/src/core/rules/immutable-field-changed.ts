// A field the API server never updates differs from the resource's earlier version (git HEAD, or the CLI's
// --baseline): applying the file to a cluster that runs the earlier version fails.
import { yamlScalar } from '../crossref';
import { valueFixes } from '../k8s/edit';
import { immutableChanges } from '../k8s/immutable';
import type { WorkspaceRule } from '../rule';

export const immutableFieldChanged: WorkspaceRule = {
  code: 'immutable-field-changed',
  severity: 'warning',
  description: "Compared with the resource's earlier version (git HEAD in the editor with statefulset.baseline, or the CLI's --baseline), a field the API server never updates has changed: a StatefulSet's selector, serviceName, volumeClaimTemplates or podManagementPolicy, a Service's clusterIP, a claim's spec. Applying it to a cluster that runs the earlier version fails.",
  check(ctx) {
    const baseline = ctx.index.baseline;
    if (!baseline?.size) return;
    const dflt = ctx.settings.defaultNamespace;
    for (const r of ctx.resources) {
      const before = baseline.find(r, dflt);
      if (!before?.value || !r.value) continue;
      for (const change of immutableChanges(r.kind!, before.value, r.value)) {
        const field = change.path[change.path.length - 1];
        const fixes = change.earlier === undefined ? undefined : valueFixes(r, change.path, [[yamlScalar(change.earlier), `Restore ${field} ${yamlScalar(change.earlier)} (as at ${baseline.label})`]]);
        ctx.report(r, { path: change.path, message: `Changed since ${baseline.label}: ${change.message}`, fixes });
      }
    }
  },
};
