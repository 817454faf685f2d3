// Go to definition, find references and rename between names that point at each other across files.
import type { Project } from '../project';
import type { TextEdit } from '../types';

export interface Location {
  uri: string;
  start: number;
  end: number;
}

export function definition(project: Project, uri: string, offset: number): Location[] {
  void project; void uri; void offset;
  return [];
}

export function references(project: Project, uri: string, offset: number, includeDeclaration: boolean): Location[] {
  void project; void uri; void offset; void includeDeclaration;
  return [];
}

export function prepareRename(project: Project, uri: string, offset: number): { start: number; end: number; placeholder: string } | undefined {
  void project; void uri; void offset;
  return undefined;
}

export function rename(project: Project, uri: string, offset: number, newName: string): TextEdit[] {
  void project; void uri; void offset; void newName;
  return [];
}
