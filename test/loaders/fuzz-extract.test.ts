/**
 * Fuzzing the ingest (issue 7): valid extracts corrupted at random — flipped bytes, truncation, swapped
 * header columns, Windows-1252 re-encoding, stray quotes and delimiters, dropped fields — must each end as
 * accepted, quarantined or rejected with a clear ExtractError, never an unhandled exception; and every load
 * that succeeds reconciles against the test's own count of the file's records (test/support/csv.ts):
 * rows read = that count = accepted + rejected + filtered.
 */
import {mkdtemp, rm, writeFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {openDatabase} from "../../loaders/duckdb.js";
import {ExtractError, load, readDataset} from "../../loaders/extract/index.js";
import {silentLogger} from "../../loaders/log.js";
import {parseCsv} from "../support/csv.js";

const CASES = Number(process.env.FUZZ_CASES ?? 60);
const SEED = 20261122;

const HEADER = "invoice_id;invoice_date;customer_id;article_id;quantity;unit_price;discount_pct;net_amount;channel";
const VALID = [
  HEADER,
  ...Array.from({length: 24}, (_, i) => {
    const quantity = (i % 5) + 1;
    const price = 99.5 + i;
    const amount = (quantity * price).toFixed(2).replace(".", ",");
    return `F${1000 + i};2024-0${(i % 9) + 1}-1${i % 9};K${i % 7};A${i % 4};${quantity};${String(price).replace(".", ",")};0;${amount};${i % 2 ? "web" : "telefon – sälj"}`;
  })
].join("\r\n");

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    let t = (state = (state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Mutation = (bytes: Buffer, next: () => number) => Buffer;

const MUTATIONS: Record<string, Mutation> = {
  "flip bytes": (bytes, next) => {
    const copy = Buffer.from(bytes);
    for (let i = 0; i < 1 + Math.floor(next() * 6); i++)
      copy[Math.floor(next() * copy.length)] = Math.floor(next() * 256);
    return copy;
  },
  truncate: (bytes, next) => bytes.subarray(0, Math.floor(next() * bytes.length)),
  "swap header columns": (bytes, next) => {
    const [head, ...rest] = bytes.toString("utf8").split("\r\n");
    const columns = head.split(";");
    const a = Math.floor(next() * columns.length);
    const b = Math.floor(next() * columns.length);
    [columns[a], columns[b]] = [columns[b], columns[a]];
    return Buffer.from([columns.join(";"), ...rest].join("\r\n"), "utf8");
  },
  "windows-1252": (bytes) => Buffer.from(bytes.toString("utf8").replace("–", "-"), "latin1"),
  "stray quotes and delimiters": (bytes, next) => {
    const text = bytes.toString("utf8").split("");
    for (let i = 0; i < 1 + Math.floor(next() * 4); i++)
      text.splice(Math.floor(next() * text.length), 0, next() < 0.5 ? '"' : ";");
    return Buffer.from(text.join(""), "utf8");
  },
  "drop a field": (bytes, next) => {
    const lines = bytes.toString("utf8").split("\r\n");
    const i = 1 + Math.floor(next() * (lines.length - 1));
    lines[i] = lines[i].split(";").slice(0, -1).join(";");
    return Buffer.from(lines.join("\r\n"), "utf8");
  },
  "mixed line endings and blank lines": (bytes, next) =>
    Buffer.from(
      bytes
        .toString("utf8")
        .split("\r\n")
        .map((line) => (next() < 0.3 ? `${line}\n` : next() < 0.1 ? `${line}\r\n\r\n` : `${line}\r\n`))
        .join(""),
      "utf8"
    )
};

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "segmentera-fuzz-"));
  await writeFile(join(dir, "segmentera.json"), JSON.stringify({tables: {sales_lines: {file: "lines.csv"}}}));
});

afterAll(async () => {
  await rm(dir, {recursive: true, force: true});
});

describe("load on corrupted extracts", () => {
  it(`never throws anything but a clear ExtractError, and reconciles (${CASES} seeded cases)`, async () => {
    const next = random(SEED);
    const names = Object.keys(MUTATIONS);
    const outcomes = {accepted: 0, quarantined: 0, rejected: 0, rules: {} as Record<string, number>};
    for (let c = 0; c < CASES; c++) {
      let bytes: Buffer = Buffer.from(VALID, "utf8");
      const applied: string[] = [];
      for (let m = 0; m < 1 + Math.floor(next() * 2); m++) {
        const name = names[Math.floor(next() * names.length)];
        bytes = MUTATIONS[name](bytes, next);
        applied.push(name);
      }
      await writeFile(join(dir, "lines.csv"), bytes);
      const db = await openDatabase();
      try {
        const report = await load(db, await readDataset(dir), silentLogger);
        const [file] = report.files;
        // quotes, delimiters and line breaks are ASCII, so a byte-for-byte decoding counts right in any encoding
        const records = parseCsv(bytes.toString("latin1"), ";").length - 1;
        expect(file.rows_read, `case ${c} (${applied.join(", ")})`).toBe(records);
        expect(file.rows_accepted + file.rows_rejected + file.rows_filtered, `case ${c}`).toBe(records);
        if (report.rejects) outcomes.quarantined++;
        else outcomes.accepted++;
      } catch (error) {
        if (!(error instanceof ExtractError)) {
          throw new Error(
            `case ${c} (${applied.join(", ")}) ended in an unhandled ${(error as Error).name}: ${(error as Error).message}`
          );
        }
        expect(error.message, `case ${c}`).toMatch(/\[[a-z_]+\]\. /);
        expect(error.message).toContain("lines.csv");
        outcomes.rejected++;
        ((outcomes.rules[error.rule] ??= 0), outcomes.rules[error.rule]++);
      } finally {
        db.close();
      }
    }
    expect(outcomes.quarantined).toBeGreaterThan(0);
    expect(outcomes.accepted).toBeGreaterThan(0);
    // the reader and the independent count must agree on every well-formed or quarantinable file
    expect(outcomes.rules.records_lost ?? 0, JSON.stringify(outcomes)).toBe(0);
  }, 120_000);
});
