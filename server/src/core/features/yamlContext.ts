// Where the cursor is in a block-style YAML document, rebuilt from indentation alone.
// Completion runs while the user types, when the text is usually not valid YAML (`    serv`,
// `serviceName: `), so the path is reconstructed from the lines above instead of the yaml AST.
// Only the cursor's own document is scanned, and only as far up as its ancestors.

export type ContextPath = (string | number)[];

export interface YamlContext {
  /** Keys and sequence indexes from the document root to the collection holding the cursor. */
  path: ContextPath;
  /**
   * key: typing a key of the mapping at `path`; value: typing the value of `key` in that mapping;
   * item: typing a scalar item of the sequence at `path`. `keyOrItem`: `- xx` where the item could
   * be a scalar or the first key of a mapping item (path then ends with the item index).
   */
  position: 'key' | 'value' | 'item' | 'keyOrItem';
  key?: string;
  /** Text typed so far in the word at the cursor. */
  prefix: string;
  /** Document-relative span the completion replaces. */
  replace: { start: number; end: number };
  /** Keys already present in the mapping (for key positions). */
  siblings: Set<string>;
  /** The key at the cursor is already followed by `:` (editing an existing key). */
  colonAfter: boolean;
  /** Value position right after `key:` with no space yet: inserted values need a leading space. */
  needsSpace: boolean;
}

interface LineInfo {
  /** Column of the first non-space character; -1 for lines that carry nothing (blank, comment, marker). */
  ind: number;
  /** Columns of leading `- ` sequence markers. */
  dashes: number[];
  key?: string;
  keyCol: number;
  /** Text after `key:` (trimmed, comment not removed). */
  value: string;
}

const KEY = /^("[^"]*"|'[^']*'|[^\s#'"{}[\],&*!|>%@`-][^#]*?|-[^\s#][^#]*?)[ \t]*:(?=[ \t]|$)/;

function lineInfo(line: string): LineInfo {
  let i = 0;
  while (i < line.length && line[i] === ' ') i++;
  const rest0 = line.slice(i);
  if (rest0.trim() === '' || rest0.startsWith('#') || /^(---|\.\.\.)(\s|$)/.test(line) || line.startsWith('%')) return { ind: -1, dashes: [], keyCol: -1, value: '' };
  const ind = i;
  const dashes: number[] = [];
  while (line[i] === '-' && (i + 1 >= line.length || line[i + 1] === ' ' || line[i + 1] === '\t' || line[i + 1] === '\r')) {
    dashes.push(i);
    i++;
    while (line[i] === ' ' || line[i] === '\t') i++;
  }
  const content = line.slice(i).replace(/\r$/, '');
  const m = KEY.exec(content);
  if (!m) return { ind, dashes, keyCol: -1, value: content.trim() };
  return { ind, dashes, key: unquote(m[1].trim()), keyCol: i, value: content.slice(m[0].length).trim() };
}

function unquote(k: string): string {
  return k.length >= 2 && (k[0] === '"' || k[0] === "'") && k[k.length - 1] === k[0] ? k.slice(1, -1) : k;
}

const WORD = /[^\s:#,\[\]{}"']/;

/** The cursor's context in `text` (one document), or undefined where nothing can be completed. */
export function yamlContextAt(text: string, offset: number): YamlContext | undefined {
  // lastIndexOf clamps a negative start to 0, which would find a newline at offset 0 itself.
  const lineStart = offset > 0 ? text.lastIndexOf('\n', offset - 1) + 1 : 0;
  let lineEnd = text.indexOf('\n', offset);
  if (lineEnd < 0) lineEnd = text.length;
  const before = text.slice(lineStart, offset);
  const after = text.slice(offset, lineEnd).replace(/\r$/, '');
  if (/^(---|\.\.\.|%)/.test(before)) return undefined;
  if (before.includes('#')) {
    const hash = before.indexOf('#');
    // A `#` that starts a comment (line start or after a space) puts the cursor in the comment.
    if (hash === 0 || /\s/.test(before[hash - 1] ?? ' ')) return undefined;
  }
  let wordEnd = 0;
  while (wordEnd < after.length && WORD.test(after[wordEnd])) wordEnd++;

  // Leading spaces and `- ` markers of the cursor line.
  let i = 0;
  while (i < before.length && before[i] === ' ') i++;
  const dashes: number[] = [];
  while (before[i] === '-' && (before[i + 1] === ' ' || before[i + 1] === '\t')) {
    dashes.push(i);
    i++;
    while (before[i] === ' ' || before[i] === '\t') i++;
  }
  const col = i;
  const typed = before.slice(i);
  let position: YamlContext['position'];
  let key: string | undefined;
  let prefix: string;
  let replaceStart: number;
  let needsSpace = false;
  // A lone `-` (the trigger character) is not a key yet: wait for the space that makes it an item.
  if (typed === '-') return undefined;
  const km = KEY.exec(typed);
  if (km) {
    key = unquote(km[1].trim());
    let v = km[0].length;
    needsSpace = v === typed.length;
    while (typed[v] === ' ' || typed[v] === '\t') v++;
    let value = typed.slice(v);
    const flow = /^\[(?:[^\]]*,)?[ \t]*/.exec(value);
    if (flow && !value.includes(']')) {
      // `accessModes: [ReadWriteOnce, Re` : an item of a flow sequence.
      position = 'item';
      value = value.slice(flow[0].length);
      v += flow[0].length;
    } else if (/^[{[|>&*!]/.test(value)) {
      return undefined;
    } else {
      position = 'value';
    }
    if (value.startsWith('"') || value.startsWith("'")) {
      value = value.slice(1);
      v++;
    }
    if (/\s/.test(value)) return undefined; // multi-word scalars are free text
    prefix = value;
    replaceStart = lineStart + col + v;
  } else if (/^[^\s:#,\[\]{}]*$/.test(typed)) {
    position = dashes.length ? 'keyOrItem' : 'key';
    prefix = typed.replace(/^["']/, '');
    replaceStart = lineStart + col + (typed.length - prefix.length);
  } else {
    return undefined;
  }
  const colonAfter = (position === 'key' || position === 'keyOrItem') && /^[ \t]*:/.test(after.slice(wordEnd));
  const replace = { start: replaceStart, end: offset + wordEnd };

  // Walk up through the lines above, collecting the path (in reverse) and sibling keys.
  const segs: (string | number)[] = [];
  const siblings = new Set<string>();
  let mode: 'key' | 'item' = 'key';
  let c = col;
  let collecting = true;
  let itemCount = 0;
  const enterItems = (ds: number[]) => {
    for (let k = ds.length - 1; k >= 0; k--) segs.push(0);
    c = ds[0];
    mode = 'item';
    itemCount = 0;
  };
  if (dashes.length) {
    enterItems(dashes);
    collecting = false;
  }
  const lines = text.slice(0, lineStart).split('\n');
  lines.pop(); // the empty piece after the last newline
  for (let li = lines.length - 1; li >= 0; li--) {
    const t = lineInfo(lines[li]);
    if (t.ind < 0 || t.ind > c) continue;
    if (mode === 'key') {
      if (t.key !== undefined && t.keyCol === c) {
        if (collecting) siblings.add(t.key);
        if (t.dashes.length) {
          collecting = false;
          enterItems(t.dashes);
        }
        continue;
      }
      if (t.ind === c) continue; // `- x` of an indentless sibling sequence, or a scalar continuation
      if (t.key !== undefined && t.keyCol < c) {
        // Inside a block scalar or a flow collection: nothing to complete.
        if (/^[|>]/.test(t.value) || /^[[{]/.test(t.value)) return undefined;
        segs.push(t.key);
        collecting = false;
        c = t.keyCol;
        if (t.dashes.length) enterItems(t.dashes);
        continue;
      }
      if (t.dashes.length && t.key === undefined) {
        // `- |` or `- some text` above us: the cursor is inside that item's scalar.
        if (t.value !== '') return undefined;
        collecting = false;
        enterItems(t.dashes);
      }
      continue;
    }
    // mode === 'item': the sequence's items have their `-` at column c.
    if (t.dashes.length && t.dashes[0] === c) {
      itemCount++;
      segs[segs.length - 1] = itemCount;
      continue;
    }
    if (t.key !== undefined && t.keyCol <= c) {
      if (/^[|>]/.test(t.value) || /^[[{]/.test(t.value)) return undefined;
      segs.push(t.key);
      c = t.keyCol;
      mode = 'key';
      if (t.dashes.length) enterItems(t.dashes);
      continue;
    }
    if (t.dashes.length && t.key === undefined && t.value === '' && t.dashes[t.dashes.length - 1] < c) enterItems(t.dashes);
  }
  const path = segs.reverse();

  // Keys below the cursor in the same mapping.
  if (position === 'key' || position === 'keyOrItem') {
    let p = lineEnd + 1;
    while (p <= text.length && p > 0) {
      let e = text.indexOf('\n', p);
      if (e < 0) e = text.length;
      const t = lineInfo(text.slice(p, e));
      p = e + 1;
      if (e >= text.length) p = -1;
      if (t.ind < 0 || t.ind > col) continue;
      if (t.ind < col) break;
      if (t.dashes.length) continue; // an indentless sequence: the value of a sibling key
      if (t.key !== undefined) siblings.add(t.key);
    }
  }
  if (position === 'key' && !dashes.length && path.length === 0 && col > 0) {
    // An indented key with no parent above: the document is a fragment we cannot place.
    return undefined;
  }
  return { path, position, ...(key !== undefined ? { key } : {}), prefix, replace, siblings, colonAfter, needsSpace };
}
