// CSV as RFC 4180 writes it: records separated by line breaks (CRLF, LF or
// CR), fields by commas; a field in double quotes may hold commas, line
// breaks and doubled quotes (""). A file whose header row has no comma but
// semicolons or tabs (what spreadsheet apps write in many locales) is read
// with that delimiter instead.
//
// A malformed record (a stray quote, text after a closing quote, a quote
// never closed) is reported with its row number and left out; the other
// records are kept. Row numbers count the header as row 1, as a
// spreadsheet does; `line` is where the record starts in the file (they
// differ when a quoted field holds a line break).
//
// No DOM: the module runs in Node too (tests/node/csv.test.mjs).

/** The delimiter of a file: "," unless its first line has none but has ";" or a tab. */
export function sniffDelimiter(text) {
  let inQuotes = false;
  const counts = { ",": 0, ";": 0, "\t": 0 };
  for (const ch of text) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (ch === "\n" || ch === "\r")) break;
    else if (!inQuotes && ch in counts) counts[ch] += 1;
  }
  if (counts[","] > 0) return ",";
  if (counts[";"] > 0) return ";";
  if (counts["\t"] > 0) return "\t";
  return ",";
}

/**
 * Parses CSV text.
 * Returns { header: string[], records: [{ row, line, fields: string[] }],
 * problems: [{ row, line, message }], delimiter }.
 * Blank lines are skipped. The header's names are trimmed.
 */
export function parseCsv(text, { delimiter } = {}) {
  let src = String(text ?? "");
  if (src.charCodeAt(0) === 0xfeff) src = src.slice(1); // a byte-order mark
  const sep = delimiter ?? sniffDelimiter(src);
  const all = [];
  const problems = [];

  let fields = [];
  let field = "";
  let problem = null;
  let line = 1; // the current line of the file
  let startLine = 1; // where the current record began
  let quoted = false; // inside "…"
  let afterQuote = false; // just past the closing quote of a field
  let fieldStart = true;
  let i = 0;

  const endField = () => {
    fields.push(field);
    field = "";
    fieldStart = true;
    afterQuote = false;
  };
  const endRecord = () => {
    endField();
    const blank = fields.length === 1 && fields[0].trim() === "" && !problem;
    if (!blank) all.push({ line: startLine, fields, problem });
    fields = [];
    problem = null;
  };
  const fail = (message) => {
    problem ??= `${message} (field ${fields.length + 1})`;
  };

  while (i < src.length) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        afterQuote = true;
        i += 1;
        continue;
      }
      if (ch === "\r" || ch === "\n") {
        // A line break inside quotes is data; CRLF stays CRLF.
        line += ch === "\r" && src[i + 1] === "\n" ? 0 : 1;
      }
      field += ch;
      i += 1;
      continue;
    }
    if (ch === sep) {
      endField();
      i += 1;
      continue;
    }
    if (ch === "\r" || ch === "\n") {
      endRecord();
      i += ch === "\r" && src[i + 1] === "\n" ? 2 : 1;
      line += 1;
      startLine = line;
      continue;
    }
    if (ch === '"') {
      if (fieldStart) {
        quoted = true;
        fieldStart = false;
      } else {
        fail(afterQuote ? "a quote right after a quoted field" : "a quote inside a field that doesn't start with one: put the field in quotes and double the quote");
        field += ch;
      }
      i += 1;
      continue;
    }
    if (afterQuote) fail("text after a quoted field's closing quote: the delimiter must come next");
    field += ch;
    fieldStart = false;
    i += 1;
  }
  if (quoted) {
    fail("a quoted field is never closed (it runs to the end of the file)");
  }
  if (!(fieldStart && fields.length === 0 && field === "" && !problem)) endRecord();

  if (all.length === 0) return { header: [], records: [], problems: [{ row: 1, line: 1, message: "the file is empty: it needs a header row" }], delimiter: sep };
  const [head, ...rest] = all;
  if (head.problem) problems.push({ row: 1, line: head.line, message: `the header row can't be read: ${head.problem}` });
  const header = head.fields.map((f) => f.trim());
  const records = [];
  rest.forEach((r, k) => {
    const row = k + 2;
    if (r.problem) problems.push({ row, line: r.line, message: r.problem });
    else records.push({ row, line: r.line, fields: r.fields });
  });
  return { header, records, problems, delimiter: sep };
}

/** One field for a CSV file: quoted when it holds a delimiter, a quote or a line break. */
export function csvField(value, delimiter = ",") {
  const s = String(value ?? "");
  return s.includes(delimiter) || /["\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** Rows of values as CSV text (CRLF line ends, as RFC 4180 asks). */
export function toCsv(rows, delimiter = ",") {
  return rows.map((r) => r.map((v) => csvField(v, delimiter)).join(delimiter)).join("\r\n") + "\r\n";
}
