/**
 * Privacy of the published site (issue 7): by default, customer names, organisation numbers and contact
 * persons from the extracts must not appear anywhere in dist/; drill-downs show customer ids instead.
 */
import {readdir, readFile} from "node:fs/promises";
import {join, relative} from "node:path";
import {describe, expect, it} from "vitest";
import {csvParse} from "d3-dsv";

const ROOT = join(import.meta.dirname, "..", "..");
const DIST = join(ROOT, "dist");
const SAMPLE = join(ROOT, "data", "sample");

describe("the published site", () => {
  it("contains none of the sample's customer names, organisation numbers or contact persons", async () => {
    const customers = csvParse(await readFile(join(SAMPLE, "customers.csv"), "utf8"));
    const profiles = csvParse(await readFile(join(SAMPLE, "account_profiles.csv"), "utf8"));
    const secrets = [
      ...customers.map((c) => c.customer_name),
      ...customers.map((c) => c.org_number),
      ...profiles.map((p) => p.contact_person)
    ].filter((s): s is string => Boolean(s && s.length >= 6));
    expect(secrets.length).toBeGreaterThan(1000);
    // Index the secrets by their first word, then look only where that word occurs (fast on MBs of text).
    const byFirstWord = new Map<string, string[]>();
    for (const secret of secrets) {
      const first = secret.split(/[\s,]/)[0];
      byFirstWord.set(first, [...(byFirstWord.get(first) ?? []), secret]);
    }
    const found: string[] = [];
    for (const file of await listFiles(DIST)) {
      if (file.endsWith(".wasm")) continue; // the duckdb engine, not data
      const text = (await readFile(join(DIST, file))).toString("utf8");
      for (const match of text.matchAll(/[^\s"',;:<>()[\]{}]+/g)) {
        for (const secret of byFirstWord.get(match[0]) ?? []) {
          if (text.startsWith(secret, match.index)) found.push(`${file}: ${secret}`);
        }
      }
    }
    expect(found.slice(0, 20)).toEqual([]);
  });
});

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, {recursive: true, withFileTypes: true});
  return entries.filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name)));
}
