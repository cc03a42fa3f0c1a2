// CSV for spreadsheets: a writer that French Excel opens correctly (UTF-8 BOM, ";" separator, CRLF,
// quotes doubled, formula-looking cells neutralised) and a tolerant reader for files people bring back
// (";" or "," or tab, BOM or not, quoted fields with newlines, UTF-8 or Windows-1252).

export type CsvCell = string | number | boolean | null | undefined;

const BOM = "\uFEFF";

/**
 * A text cell that a spreadsheet would run as a formula (=, +, -, @, or a leading tab / carriage
 * return, also after leading spaces) gets a leading apostrophe: shown as text, never evaluated
 * (OWASP "CSV injection"). Numbers are written as numbers.
 */
export function neutraliseCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) || /^ +[=+\-@]/.test(value) ? `'${value}` : value;
}

function cell(value: CsvCell, separator: string): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "oui" : "non";
  const text = neutraliseCell(value);
  const needsQuotes = text.includes(separator) || /["\r\n]/.test(text) || /^\s|\s$/.test(text);
  return needsQuotes ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One line of the file: the cells, ";" between them, CRLF at the end (a file streamed line by line: csvStream). */
export function csvLine(row: readonly CsvCell[], separator = ";"): string {
  return row.map((v) => cell(v, separator)).join(separator) + "\r\n";
}

/** The whole file as one string: BOM, header then rows, ";" between cells, CRLF after every line. */
export function toCsv(rows: readonly (readonly CsvCell[])[], options: { separator?: string; bom?: boolean } = {}): string {
  const separator = options.separator ?? ";";
  const body = rows.map((row) => csvLine(row, separator)).join("");
  return (options.bom === false ? "" : BOM) + body;
}

/**
 * A file sent as it is written: the BOM, then the lines `lines` yields, read ~64 KB at a time when the
 * client asks for more (never the whole file in memory); `done` runs at the end or when the client goes.
 */
export function csvStream(lines: Iterator<string>, done: () => void = () => {}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let first = true;
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    done();
  };
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      try {
        let chunk = first ? BOM : "";
        first = false;
        while (chunk.length < 64 * 1024) {
          const next = lines.next();
          if (next.done) {
            finish();
            if (chunk) controller.enqueue(encoder.encode(chunk));
            controller.close();
            return;
          }
          chunk += next.value;
        }
        controller.enqueue(encoder.encode(chunk));
      } catch (error) {
        finish();
        throw error;
      }
    },
    cancel() {
      lines.return?.();
      finish();
    },
  });
}

/**
 * Bytes of an uploaded file as text: UTF-16 when it starts with its byte-order mark, UTF-8 when it is
 * valid UTF-8 (with or without BOM), otherwise Windows-1252 (a file re-saved by Excel on Windows).
 */
export function decodeCsvBytes(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder("windows-1252").decode(bytes);
  }
}

/** The separator of a file: the one of ";", "," and tab seen most often, outside quotes, in its first lines. */
export function detectSeparator(text: string): string {
  const counts = new Map<string, number>([
    [";", 0],
    [",", 0],
    ["\t", 0],
  ]);
  let inQuotes = false;
  let lines = 0;
  for (let i = 0; i < text.length && lines < 10; i++) {
    const c = text[i];
    if (c === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (c === "\n" || c === "\r")) lines++;
    else if (!inQuotes && counts.has(c)) counts.set(c, counts.get(c)! + 1);
  }
  let best = ",";
  let max = 0;
  for (const [sep, n] of counts) {
    if (n > max) {
      best = sep;
      max = n;
    }
  }
  return best;
}

/**
 * Rows of cells. Tolerant: strips a BOM, finds the separator when not given, accepts CRLF, LF or CR,
 * quoted fields with doubled quotes and line breaks, a quote inside an unquoted field kept as is, and
 * text after a closing quote kept too. Trailing empty lines are dropped; other empty lines stay as [""].
 */
export function parseCsv(input: string, options: { separator?: string } = {}): string[][] {
  const text = input.startsWith(BOM) ? input.slice(1) : input;
  const separator = options.separator ?? detectSeparator(text);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let i = 0;
  let quoted = false; // inside a quoted field
  let fieldStart = true;
  const endField = () => {
    row.push(field);
    field = "";
    fieldStart = true;
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"' && fieldStart) {
      quoted = true;
      fieldStart = false;
      i++;
      continue;
    }
    if (c === separator) {
      endField();
      i++;
      continue;
    }
    if (c === "\r" || c === "\n") {
      endRow();
      i += c === "\r" && text[i + 1] === "\n" ? 2 : 1;
      continue;
    }
    field += c;
    fieldStart = false;
    i++;
  }
  if (field !== "" || !fieldStart || row.length) endRow();
  while (rows.length && rows[rows.length - 1].every((v) => v === "")) rows.pop();
  return rows;
}

/** CSV response headers for a download named `filename`. */
export function csvHeaders(filename: string): HeadersInit {
  const ascii = filename.replace(/[^\w.-]+/g, "-");
  return {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="${ascii}"`,
    "Cache-Control": "private, no-store",
  };
}
