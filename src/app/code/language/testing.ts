/** Test helper: a source with one `‸` marking the cursor → the source without it and the cursor's 1-based position. */
export function cursor(marked: string): { source: string; line: number; column: number } {
  const at = marked.indexOf('‸');
  if (at < 0 || marked.indexOf('‸', at + 1) >= 0) throw new Error('mark exactly one cursor with ‸');
  const before = marked.slice(0, at).split('\n');
  return { source: marked.slice(0, at) + marked.slice(at + 1), line: before.length, column: before[before.length - 1].length + 1 };
}

/** The 1-based position of the n-th occurrence (from 0) of `text` in a source, at its first character. */
export function positionOf(source: string, text: string, nth = 0): { line: number; column: number } {
  let index = -1;
  for (let k = 0; k <= nth; k++) {
    index = source.indexOf(text, index + 1);
    if (index < 0) throw new Error(`'${text}' occurs fewer than ${nth + 1} times`);
  }
  const before = source.slice(0, index).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}
