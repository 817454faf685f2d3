// A volumeMount needs a non-empty mountPath.
import { arr, containersOf, isCoreApi, templateContext, POD_KINDS } from '../k8s/pod';
import type { DocRule } from '../rule';

export const mountPathEmpty: DocRule = {
  code: 'mount-path-empty',
  severity: 'error',
  description: 'A volumeMount has an empty mountPath.',
  kinds: POD_KINDS,
  check(r, ctx) {
    if (!isCoreApi(r)) return;
    ctx = templateContext(ctx, 'pod');
    for (const ref of containersOf(r)) {
      const mounts = arr(ref.c.volumeMounts);
      for (let i = 0; i < mounts.length; i++) {
        const m = mounts[i];
        if (typeof m?.mountPath === 'string' && m.mountPath.trim() === '') ctx.report(r, { path: [...ref.path, 'volumeMounts', i, 'mountPath'], message: 'mountPath must not be empty.' });
      }
      const devices = arr(ref.c.volumeDevices);
      for (let i = 0; i < devices.length; i++) {
        const m = devices[i];
        if (typeof m?.devicePath === 'string' && m.devicePath.trim() === '') ctx.report(r, { path: [...ref.path, 'volumeDevices', i, 'devicePath'], message: 'devicePath must not be empty.' });
      }
    }
  },
};
