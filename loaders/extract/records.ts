/**
 * One pass over a CSV file's bytes, without DuckDB: count its records (so that reconciliation can catch records
 * DuckDB's reader merged or dropped: an unterminated quote makes it drop the rest of the file without a reject),
 * and learn what DuckDB must be told before it reads the file: whether it is valid UTF-8, whether its line
 * endings are mixed, and whether a quoted value holds a line break (then records and lines differ).
 *
 * RFC 4180 as DuckDB reads it: a quote opens a quoted value only at the start of a field, a doubled quote
 * inside quotes is a literal quote, a line break inside quotes belongs to the value, and empty lines are not
 * records (a line of spaces is). Line breaks are LF, CRLF or a bare CR. The scan is over bytes, so it is the
 * same for UTF-8 and Windows-1252 (quote, delimiter and line breaks are ASCII in both).
 *
 * Most chunks of an export hold no quote and no bare CR; those are counted by the native Buffer.indexOf, line by
 * line, and only the other chunks byte by byte.
 */
import {isUtf8} from "node:buffer";
import {createReadStream} from "node:fs";

export interface FileScan {
  /** Data records after the header record. */
  records: number;
  /** Physical lines after the header record, empty lines included. */
  lines: number;
  /** Set when the file ends inside a quoted value: the record that opened it and the last line. */
  unterminated?: {startLine: number; endLine: number};
  /** Every byte sequence is valid UTF-8 (a BOM included); otherwise the file is read as Windows-1252. */
  utf8: boolean;
  /** Both CRLF and bare LF (or bare CR) line ends occur. */
  mixedLineEndings: boolean;
  /** Some quoted value holds a line break. */
  multiline: boolean;
}

const LF = 10;
const CR = 13;
const QUOTE = 34;

/**
 * Scan a delimited text file, streaming.
 * @example await scanFile("lines.csv", {delimiter: ","}) // {records: 3, lines: 3, utf8: true, …}
 */
export async function scanFile(file: string, {delimiter}: {delimiter: string}): Promise<FileScan> {
  const delim = delimiter.charCodeAt(0);
  let line = 1; // physical line of the current byte
  let recordStart = 0; // line the current record started on (0: between records)
  let records = 0; // including the header
  let inQuotes = false;
  let quoteSeen = false; // inside quotes, the previous byte was a quote (closing, or the first of a pair)
  let fieldStart = true;
  let previousCr = false;
  let atLineStart = true; // the last byte read ended a line
  let crlf = false;
  let bare = false;
  let multiline = false;
  let breakInQuotes = false; // the open quoted value holds a line break (counts once the value closes)
  const utf8 = new Utf8Check();

  /** A line break outside quotes: the record ends. */
  const endLine = (cr: boolean) => {
    line++;
    previousCr = cr;
    atLineStart = true;
    recordStart = 0;
    fieldStart = true;
  };

  for await (const chunk of createReadStream(file)) {
    const bytes = chunk as Buffer;
    utf8.add(bytes);
    if (!inQuotes && !quoteSeen && !previousCr && bytes.indexOf(QUOTE) < 0 && onlyCrlf(bytes)) {
      // Fast path: no quote, every CR part of a CRLF. Each line's content is non-empty or not.
      let start = 0;
      for (;;) {
        const lf = bytes.indexOf(LF, start);
        const stop = lf < 0 ? bytes.length : lf;
        const cr = lf > 0 && bytes[lf - 1] === CR;
        const end = cr ? stop - 1 : stop;
        if (end > start) {
          if (recordStart === 0) {
            recordStart = line;
            records++;
          }
          fieldStart = bytes[end - 1] === delim;
          atLineStart = false;
        }
        if (lf < 0) break;
        if (cr) crlf = true;
        else bare = true;
        endLine(false);
        start = lf + 1;
      }
      continue;
    }
    for (let i = 0; i < bytes.length; i++) {
      const byte = bytes[i];
      if (previousCr) {
        previousCr = false;
        if (byte === LF) {
          crlf = true;
          continue; // the LF of a CRLF
        }
        bare = true; // a CR not followed by LF
      }
      atLineStart = false;
      if (quoteSeen) {
        quoteSeen = false;
        if (byte === QUOTE) continue; // a doubled quote: literal
        inQuotes = false; // the previous quote closed the value; this byte is read outside quotes below
        if (breakInQuotes) multiline = true;
        breakInQuotes = false;
      }
      if (inQuotes) {
        if (byte === QUOTE) quoteSeen = true;
        else if (byte === LF || byte === CR) {
          breakInQuotes = true;
          if (byte === LF) bare = true;
          line++;
          previousCr = byte === CR;
          atLineStart = true;
        }
        continue;
      }
      if (byte === LF || byte === CR) {
        if (byte === LF) bare = true;
        endLine(byte === CR);
        continue;
      }
      if (recordStart === 0) {
        recordStart = line;
        records++;
      }
      if (byte === delim) fieldStart = true;
      else if (byte === QUOTE && fieldStart) {
        inQuotes = true;
        fieldStart = false;
      } else fieldStart = false;
    }
  }
  if (previousCr) bare = true; // the file ends on a CR
  if (quoteSeen && breakInQuotes) multiline = true; // the file ends on the quote that closes such a value
  const lastLine = atLineStart ? line - 1 : line;
  const scan: FileScan = {
    records: Math.max(0, records - 1),
    lines: Math.max(0, lastLine - 1),
    utf8: utf8.end(),
    mixedLineEndings: crlf && bare,
    multiline
  };
  if (inQuotes && !quoteSeen) scan.unterminated = {startLine: recordStart, endLine: lastLine};
  return scan;
}

/** Every CR in the chunk is followed by an LF in the chunk. */
function onlyCrlf(bytes: Buffer): boolean {
  for (let cr = bytes.indexOf(CR); cr >= 0; cr = bytes.indexOf(CR, cr + 1)) {
    if (bytes[cr + 1] !== LF) return false;
  }
  return true;
}

/** UTF-8 validity of a byte stream read in chunks (a character may be split between two chunks). */
class Utf8Check {
  private valid = true;
  private carry: Buffer = Buffer.alloc(0);

  add(bytes: Buffer): void {
    if (!this.valid) return;
    const joined = this.carry.length ? Buffer.concat([this.carry, bytes]) : bytes;
    const cut = completeLength(joined);
    this.valid = isUtf8(joined.subarray(0, cut));
    this.carry = Buffer.from(joined.subarray(cut));
  }

  end(): boolean {
    return this.valid && this.carry.length === 0;
  }
}

/** The length of the bytes up to a character cut off at the end (the whole length when none is). */
function completeLength(bytes: Buffer): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const byte = bytes[bytes.length - back];
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return length > back ? bytes.length - back : bytes.length;
  }
  return bytes.length;
}
