/**
 * CSV of sampled data: a header row of column names, then rows of numbers. The first column is the
 * time in ms (strictly increasing unless told otherwise). Used by the `sampled` stimulus and the fit
 * panel (measured traces).
 *
 * Accepted: `,` `;` or tab as the separator (taken from the header line), optional double quotes
 * around names and numbers, CRLF line ends, a UTF-8 BOM, blank lines and `#` comment lines anywhere.
 */

export interface CsvTable {
  /** Column names from the header, in order; `columns[0]` is the time column. */
  columns: string[];
  /** One array per column (`values[c][r]` is row r of column c), all `rowCount` long. */
  values: Float64Array[];
  rowCount: number;
}

export interface CsvIssue {
  /** 1-based line in the CSV text. */
  line: number;
  /** 1-based column (character) in that line, when it points at a field. */
  column?: number;
  message: string;
}

export interface CsvOptions {
  /** Require the first column to increase strictly from row to row (default true). */
  increasingTime?: boolean;
  /** Minimum number of columns, the time column included (default 2). */
  minColumns?: number;
  /** Stop after this many issues (default 20). */
  maxIssues?: number;
}

export type CsvResult = { ok: true; table: CsvTable } | { ok: false; errors: CsvIssue[] };

const NUMBER_RE = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

interface Field {
  text: string;
  /** 1-based character column where the field starts. */
  col: number;
}

function splitLine(line: string, sep: string): Field[] {
  const fields: Field[] = [];
  let start = 0;
  for (;;) {
    const next = line.indexOf(sep, start);
    const end = next < 0 ? line.length : next;
    const raw = line.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    let text = raw.trim();
    if (text.length >= 2 && text.startsWith('"') && text.endsWith('"')) text = text.slice(1, -1).trim();
    fields.push({ text, col: start + lead + 1 });
    if (next < 0) break;
    start = next + sep.length;
  }
  return fields;
}

function detectSeparator(header: string): string {
  if (header.includes(',')) return ',';
  if (header.includes('\t')) return '\t';
  if (header.includes(';')) return ';';
  return ',';
}

/** Parses CSV text of numbers with a header row. */
export function parseCsv(text: string, options: CsvOptions = {}): CsvResult {
  const increasing = options.increasingTime ?? true;
  const minColumns = options.minColumns ?? 2;
  const maxIssues = options.maxIssues ?? 20;
  const errors: CsvIssue[] = [];
  const fail = (issue: CsvIssue): boolean => {
    errors.push(issue);
    return errors.length >= maxIssues;
  };

  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  let lineIdx = 0;
  const isSkippable = (l: string) => l.trim() === '' || l.trimStart().startsWith('#');
  while (lineIdx < lines.length && isSkippable(lines[lineIdx])) lineIdx++;
  if (lineIdx >= lines.length) {
    return { ok: false, errors: [{ line: 1, message: 'the CSV is empty; expected a header row such as "t_ms,I_nA"' }] };
  }

  const headerLineNo = lineIdx + 1;
  const sep = detectSeparator(lines[lineIdx]);
  const header = splitLine(lines[lineIdx], sep);
  const columns = header.map((f) => f.text);
  lineIdx++;

  if (header.every((f) => NUMBER_RE.test(f.text))) {
    return {
      ok: false,
      errors: [
        {
          line: headerLineNo,
          column: 1,
          message: `expected a header row of column names (such as "t_ms,I_nA"), got numbers`,
        },
      ],
    };
  }
  const seen = new Map<string, number>();
  for (let c = 0; c < header.length; c++) {
    const f = header[c];
    if (f.text === '') {
      if (fail({ line: headerLineNo, column: f.col, message: `column ${c + 1} has no name` })) break;
    } else if (seen.has(f.text)) {
      if (
        fail({
          line: headerLineNo,
          column: f.col,
          message: `duplicate column name '${f.text}' (also column ${seen.get(f.text)! + 1})`,
        })
      )
        break;
    } else seen.set(f.text, c);
  }
  if (header.length < minColumns) {
    fail({
      line: headerLineNo,
      message: `expected at least ${minColumns} columns (time in ms first, then data), got ${header.length}`,
    });
  }
  if (errors.length > 0) return { ok: false, errors };

  const data: number[][] = columns.map(() => []);
  let prevTime = -Infinity;
  let prevTimeLine = 0;
  for (; lineIdx < lines.length && errors.length < maxIssues; lineIdx++) {
    const line = lines[lineIdx];
    if (isSkippable(line)) continue;
    const lineNo = lineIdx + 1;
    const fields = splitLine(line, sep);
    if (fields.length !== columns.length) {
      fail({
        line: lineNo,
        message: `expected ${columns.length} values (${columns.join(', ')}), got ${fields.length}`,
      });
      continue;
    }
    let rowOk = true;
    for (let c = 0; c < fields.length; c++) {
      const f = fields[c];
      if (!NUMBER_RE.test(f.text)) {
        rowOk = false;
        const got = f.text === '' ? 'an empty field' : JSON.stringify(f.text);
        if (fail({ line: lineNo, column: f.col, message: `expected a number in column '${columns[c]}', got ${got}` }))
          break;
      }
    }
    if (!rowOk) continue;
    const row = fields.map((f) => Number(f.text));
    if (increasing && !(row[0] > prevTime)) {
      fail({
        line: lineNo,
        column: fields[0].col,
        message: `time must increase from row to row: ${row[0]} ms follows ${prevTime} ms (line ${prevTimeLine})`,
      });
      continue;
    }
    prevTime = row[0];
    prevTimeLine = lineNo;
    for (let c = 0; c < row.length; c++) data[c].push(row[c]);
  }
  if (errors.length > 0) return { ok: false, errors };
  if (data[0].length === 0) {
    return { ok: false, errors: [{ line: headerLineNo, message: 'the CSV has a header but no data rows' }] };
  }
  return {
    ok: true,
    table: { columns, values: data.map((d) => Float64Array.from(d)), rowCount: data[0].length },
  };
}

/** `line 3, column 7: message` */
export function formatCsvIssue(issue: CsvIssue): string {
  return `line ${issue.line}${issue.column !== undefined ? `, column ${issue.column}` : ''}: ${issue.message}`;
}
