// Building fix edits on YAML text: replace a scalar, delete a key's lines, append to a block map or sequence,
// indented to match the surrounding YAML. All results are absolute TextEdits for the resource's file.
import { isMap, isSeq, type YAMLSeq } from 'yaml';
import type { Resource } from '../model';
import { getIn, getPairIn, nodeRange, type PathSeg } from '../nodes';
import type { Fix, TextEdit } from '../types';

const lineStart = (text: string, off: number) => text.lastIndexOf('\n', off - 1) + 1;
const column = (text: string, off: number) => off - lineStart(text, off);
/** The file's own line break, so inserted lines do not mix styles. */
const eol = (text: string) => (text.includes('\r\n') ? '\r\n' : '\n');

/** Offset just after the line holding the last non-blank character of [start,end), and whether a newline must be added first. */
function afterLastLine(text: string, start: number, end: number): { at: number; needsNewline: boolean } {
  let e = end;
  while (e > start && /\s/.test(text[e - 1])) e--;
  const nl = text.indexOf('\n', e);
  return nl < 0 ? { at: text.length, needsNewline: true } : { at: nl + 1, needsNewline: false };
}

/** Replace the node at `path` with `newText`. */
export function replaceAt(r: Resource, path: readonly PathSeg[], newText: string): TextEdit | undefined {
  const rg = nodeRange(getIn(r.root, path));
  return rg ? { uri: r.uri, start: r.doc.offset + rg[0], end: r.doc.offset + rg[1], newText } : undefined;
}

/**
 * One fix per `[value, title]` choice, each replacing the node at `path` with that value; undefined when
 * the node cannot be replaced (a finding then offers no fix).
 */
export function valueFixes(r: Resource, path: readonly PathSeg[], choices: readonly (readonly [value: string, title: string])[]): Fix[] | undefined {
  const fixes = choices.flatMap(([value, title]) => {
    const e = replaceAt(r, path, value);
    return e ? [{ title, edits: [e] }] : [];
  });
  return fixes.length ? fixes : undefined;
}

/** Delete the key at `path` with its value (whole lines, block style only). */
export function deleteKey(r: Resource, path: readonly PathSeg[]): TextEdit | undefined {
  const pair = getPairIn(r.root, path);
  const k = nodeRange(pair?.key);
  if (!pair || !k) return undefined;
  const text = r.doc.text;
  const v = nodeRange(pair.value) ?? k;
  const start = lineStart(text, k[0]);
  if (text.slice(start, k[0]).trim() !== '') return undefined; // flow style or `- key:`: leave it to the user
  const { at } = afterLastLine(text, k[0], Math.max(k[1], v[1]));
  return { uri: r.uri, start: r.doc.offset + start, end: r.doc.offset + at, newText: '' };
}

/**
 * Add `key: <value>` to the block mapping at `mapPath`. `valueLines` is the YAML of the value as
 * lines relative to the key (a scalar: one line after `key: `; a block: lines indented by `step`).
 */
export function addKey(r: Resource, mapPath: readonly PathSeg[], key: string, value: string | string[], step = 2): TextEdit | undefined {
  const map = getIn(r.root, mapPath);
  if (!isMap(map) || map.flow || map.items.length === 0) return undefined;
  const text = r.doc.text;
  const first = nodeRange(map.items[0].key);
  const rg = nodeRange(map);
  if (!first || !rg) return undefined;
  const ind = ' '.repeat(column(text, first[0]));
  const nl = eol(text);
  const body = typeof value === 'string' ? `${ind}${key}: ${value}${nl}` : `${ind}${key}:${nl}${value.map((l) => `${ind}${' '.repeat(step)}${l}${nl}`).join('')}`;
  const { at, needsNewline } = afterLastLine(text, rg[0], rg[1]);
  return { uri: r.uri, start: r.doc.offset + at, end: r.doc.offset + at, newText: (needsNewline ? nl : '') + body };
}

/** Append an item (YAML lines, the first after `- `) to the block sequence at `seqPath`. */
export function appendItem(r: Resource, seqPath: readonly PathSeg[], itemLines: string[]): TextEdit | undefined {
  const seq = getIn(r.root, seqPath);
  if (!isSeq(seq) || seq.flow || seq.items.length === 0) return undefined;
  const text = r.doc.text;
  const firstItem = nodeRange(seq.items[0]);
  const rg = nodeRange(seq);
  if (!firstItem || !rg) return undefined;
  const dash = text.lastIndexOf('-', firstItem[0]);
  if (dash < 0 || dash < lineStart(text, firstItem[0])) return undefined;
  const dashCol = column(text, dash);
  const itemCol = column(text, firstItem[0]);
  const ind = ' '.repeat(dashCol);
  const inner = ' '.repeat(itemCol);
  const nl = eol(text);
  const body = itemLines.map((l, i) => (i === 0 ? `${ind}-${' '.repeat(Math.max(1, itemCol - dashCol - 1))}${l}${nl}` : `${inner}${l}${nl}`)).join('');
  const { at, needsNewline } = afterLastLine(text, rg[0], rg[1]);
  return { uri: r.uri, start: r.doc.offset + at, end: r.doc.offset + at, newText: (needsNewline ? nl : '') + body };
}

/** Add `key` with a one-item list to a block mapping, or append the item when the list exists. */
export function addToList(r: Resource, mapPath: readonly PathSeg[], key: string, itemLines: string[]): TextEdit | undefined {
  const existing = getIn(r.root, [...mapPath, key]);
  if (isSeq(existing)) return appendItem(r, [...mapPath, key], itemLines);
  if (existing !== undefined) return undefined;
  return addKey(r, mapPath, key, itemLines.map((l, i) => (i === 0 ? `- ${l}` : `  ${l}`)));
}

/**
 * Block item `i` of `seq` written `- ...` with the `- ` opening its first line: its node range, the start of
 * that line, the indentation before the `-` and the gap after it. Undefined for any other layout.
 */
function blockItem(seq: YAMLSeq, i: number, text: string): { rg: [number, number]; line: number; indent: string; gap: string } | undefined {
  const rg = nodeRange(seq.items[i]);
  if (!rg) return undefined;
  const line = lineStart(text, rg[0]);
  const dash = /^([ ]*)-([ ]+)$/.exec(text.slice(line, rg[0]));
  return dash ? { rg, line, indent: dash[1], gap: dash[2] } : undefined;
}

/**
 * Move item `from` of the block sequence at `seqPath` to just before item `to`: its whole lines, with the comment
 * lines right above it, are cut and put in front of `to` and its own comment lines. Block items written `- ...`
 * on their own lines only; else undefined.
 */
export function moveItemBefore(r: Resource, seqPath: readonly PathSeg[], from: number, to: number): TextEdit[] | undefined {
  const seq = getIn(r.root, seqPath);
  if (!isSeq(seq) || seq.flow || from === to) return undefined;
  const text = r.doc.text;
  /** The item's lines [start, end) with the comment lines right above it, and the indentation of its `-`. */
  const lines = (i: number): [number, number, string] | undefined => {
    const item = blockItem(seq, i, text);
    if (!item) return undefined;
    let start = item.line;
    for (let above = lineStart(text, start - 1); start > 0 && /^[ ]*#/.test(text.slice(above, start)); above = lineStart(text, start - 1)) start = above;
    const { at, needsNewline } = afterLastLine(text, item.rg[0], item.rg[1]);
    return needsNewline ? undefined : [start, at, item.indent];
  };
  const a = lines(from);
  const b = lines(to);
  if (!a || !b || a[2] !== b[2]) return undefined;
  const o = r.doc.offset;
  return [
    { uri: r.uri, start: o + b[0], end: o + b[0], newText: text.slice(a[0], a[1]) },
    { uri: r.uri, start: o + a[0], end: o + a[1], newText: '' },
  ];
}

/** Insert an item (YAML lines, the first after `- `) before item `index` of the block sequence at `seqPath`. */
export function insertItemBefore(r: Resource, seqPath: readonly PathSeg[], index: number, itemLines: string[]): TextEdit | undefined {
  const seq = getIn(r.root, seqPath);
  if (!isSeq(seq) || seq.flow) return undefined;
  const text = r.doc.text;
  const item = blockItem(seq, index, text);
  if (!item) return undefined;
  const nl = eol(text);
  const inner = ' '.repeat(item.rg[0] - item.line);
  const body = itemLines.map((l, i) => (i === 0 ? `${item.indent}-${item.gap}${l}${nl}` : `${inner}${l}${nl}`)).join('');
  return { uri: r.uri, start: r.doc.offset + item.line, end: r.doc.offset + item.line, newText: body };
}
