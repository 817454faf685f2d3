// Code lenses: the predicted names of inlay hints, for clients that cannot show inlay hints.
import { nameNotes } from './inlay';
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
