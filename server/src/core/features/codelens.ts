// Code lenses: the predicted names of inlay hints, for clients that cannot show inlay hints.
import { nameNotes } from './inlay';
import type { FileModel } from '../model';
import type { ParsedDoc } from '../parse';
import type { Project } from '../project';
import type { Span } from '../types';

export interface LensEntry extends Span {
  title: string;
}

export function codeLenses(project: Project, uri: string): LensEntry[] {
  if (!project.settings.inlayHints) return [];
  const titles: Record<string, string> = { replicas: 'pods', claim: 'PVCs', serviceName: 'DNS' };
  return nameNotes(project, uri).map((n) => ({ start: n.at.start, end: n.at.end, title: `${titles[n.what]}: ${n.label}` }));
}

/**
 * The documents whose trees codeLenses reads: the StatefulSets' (a lens points at a field of one). A
 * server that parses trees on demand parses these first, not every document of the file.
 */
export function lensDocs(model: FileModel): ParsedDoc[] {
  return model.resources.filter((r) => r.kind === 'StatefulSet').map((r) => r.doc);
}
