/**
 * A minimal RFC 4180 parser for tests' independent expectations (never the loader's code): a quote opens a
 * quoted value only at the start of a field, "" inside quotes is a quote, line breaks are LF, CRLF or CR, and
 * empty lines are not records. An unterminated quoted value ends the last record.
 */
export function parseCsv(text: string, delimiter = ","): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  let fieldStart = true;
  let inRecord = false;
  const endRecord = () => {
    record.push(field);
    records.push(record);
    [record, field, fieldStart, inRecord] = [[], "", true, false];
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') ((field += '"'), i++);
      else if (ch === '"') quoted = false;
      else field += ch;
      continue;
    }
    if (ch === "\r" || ch === "\n") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      if (inRecord) endRecord();
      continue;
    }
    inRecord = true;
    if (ch === delimiter) (record.push(field), (field = ""), (fieldStart = true));
    else if (ch === '"' && fieldStart) ((quoted = true), (fieldStart = false));
    else ((field += ch), (fieldStart = false));
  }
  if (inRecord || quoted) endRecord();
  return records;
}
