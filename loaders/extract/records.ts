/**
 * Count the records of a CSV file without DuckDB, so that reconciliation can catch records DuckDB's reader
 * merged or dropped (an unterminated quote makes it drop the rest of the file without a reject).
 *
 * RFC 4180 as DuckDB reads it: a quote opens a quoted value only at the start of a field, a doubled quote
 * inside quotes is a literal quote, a line break inside quotes belongs to the value, and empty lines are not
 * records (a line of spaces is). Line breaks are LF, CRLF or a bare CR. The scan is over bytes, so it is the
 * same for UTF-8 and Windows-1252 (quote, delimiter and line breaks are ASCII in both).
 */
import {createReadStream} from "node:fs";

export interface RecordCount {
  /** Data records after the header record. */
  records: number;
  /** Physical lines after the header record, empty lines included. */
  lines: number;
  /** Set when the file ends inside a quoted value: the record that opened it and the last line. */
  unterminated?: {startLine: number; endLine: number};
}

const LF = 10;
const CR = 13;

/**
 * Count records and physical lines of a delimited text file, streaming.
 * @example await countRecords("lines.csv", {delimiter: ","}) // {records: 3, lines: 3}
 */
export async function countRecords(file: string, {delimiter}: {delimiter: string}): Promise<RecordCount> {
  const quote = 34; // "
  const delim = delimiter.charCodeAt(0);
  let line = 1; // physical line of the current byte
  let recordStart = 0; // line the current record started on (0: between records)
  let records = 0; // including the header
  let inQuotes = false;
  let quoteSeen = false; // inside quotes, the previous byte was a quote (closing, or the first of a pair)
  let fieldStart = true;
  let previousCr = false;
  let atLineStart = true; // the last byte read ended a line
  for await (const chunk of createReadStream(file)) {
    const bytes = chunk as Buffer;
    for (let i = 0; i < bytes.length; i++) {
      const byte = bytes[i];
      if (previousCr) {
        previousCr = false;
        if (byte === LF) continue; // the LF of a CRLF
      }
      atLineStart = false;
      if (quoteSeen) {
        quoteSeen = false;
        if (byte === quote) continue; // a doubled quote: literal
        inQuotes = false; // the previous quote closed the value; this byte is read outside quotes below
      }
      if (inQuotes) {
        if (byte === quote) quoteSeen = true;
        else if (byte === LF || byte === CR) {
          line++;
          previousCr = byte === CR;
          atLineStart = true;
        }
        continue;
      }
      if (byte === LF || byte === CR) {
        line++;
        previousCr = byte === CR;
        atLineStart = true;
        recordStart = 0;
        fieldStart = true;
        continue;
      }
      if (recordStart === 0) {
        recordStart = line;
        records++;
      }
      if (byte === delim) fieldStart = true;
      else if (byte === quote && fieldStart) {
        inQuotes = true;
        fieldStart = false;
      } else fieldStart = false;
    }
  }
  const lastLine = atLineStart ? line - 1 : line;
  const count: RecordCount = {records: Math.max(0, records - 1), lines: Math.max(0, lastLine - 1)};
  if (inQuotes && !quoteSeen) count.unterminated = {startLine: recordStart, endLine: lastLine};
  return count;
}
