/**
 * Privacy of the published site (issues 7 and 14). With default settings, no personal data from the extracts
 * may reach dist/: not the sample's names in the main build, and not the names, organisation numbers, contact
 * persons, e-mails, phones and notes planted in every extract (malformed lines included) of a dataset built
 * here. Every built file is decoded (Arrow tables value by value, JSON, CSV) and also searched as raw bytes.
 */
import {appendFile, mkdtemp, readdir, readFile, writeFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import {join, relative} from "node:path";
import {csvFormatRows, csvParse, csvParseRows} from "d3-dsv";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {buildDatasetSite, removeDatasetSite} from "../support/dataset-site.js";
import {generateSample} from "../../loaders/generator/index.js";
import {decodedStrings} from "../support/decode.js";

const ROOT = join(import.meta.dirname, "..", "..");
const SAMPLE = join(ROOT, "data", "sample");

/** Every planted secret carries one of these, so a leak is found wherever and however it is stored. */
const MARKERS = [/zqx\d/i, /\+46 70 717/, /556717-/];

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "segmentera-privacy-"));
  const data = join(dir, "data");
  await generateSample(data, {seed: 13, scale: 0.2});
  const edit = async (file: string, change: (row: string[], n: number) => void) => {
    const rows = csvParseRows(await readFile(join(data, file), "utf8"));
    rows.slice(1).forEach(change);
    await writeFile(join(data, file), csvFormatRows(rows));
  };
  const secret = (n: number) => ({
    name: `Zqx${n} Hemliga Handelsbolaget`,
    org: `556717-${String(n).padStart(4, "0")}`,
    person: `Zqx${n} Svensson`,
    email: `zqx${n}.svensson@kund.example`,
    phone: `+46 70 717 ${String(n).padStart(2, "0").slice(-2)} 00`
  });
  await edit("customers.csv", (row, n) => {
    row[1] = secret(n).name;
    row[2] = secret(n).org;
  });
  await edit("account_profiles.csv", (row, n) => {
    row[8] = secret(n).person;
    row[9] = `Ring ${secret(n).person} på ${secret(n).phone} eller skriv till ${secret(n).email}.`;
  });
  // A malformed line (one field too many) carrying personal data in every extract.
  const s = secret(9999);
  const malformed: Record<string, string> = {
    "customers.csv": `K99999,${s.name},${s.org},catalogue,retailer,5,Väst,${s.person},2024-01-01,${s.email}`,
    "articles.csv": `A99999,${s.name},t-shirts,basic,false,59.00,38.50,${s.phone}`,
    "sales_lines.csv": `F999999,O999999,2024-01-02,K99999,A10001,1,10.00,0,10.00,5.00,web,${s.person},${s.email}`,
    "orders.csv": `O999999,K99999,2024-01-02,web,1,${s.phone}`,
    "cost_events.csv": `K99999,2024-01-02,reminder,1,,${s.email}`,
    "account_profiles.csv": `K99999,2024-01-02,partner,x,1,price,quality,,${s.person},${s.phone},${s.email}`
  };
  for (const [file, line] of Object.entries(malformed)) await appendFile(join(data, file), `\n${line}\n`);
  const config = JSON.parse(await readFile(join(SAMPLE, "segmentera.json"), "utf8"));
  delete config.settings;
  await writeFile(join(data, "segmentera.json"), JSON.stringify(config));
  await buildDatasetSite(data, join(dir, "dist"));
}, 600_000);

afterAll(async () => {
  await removeDatasetSite(dir);
});

describe("the site built with default settings from extracts full of personal data", () => {
  it("publishes none of it, in any file, decoded or raw", async () => {
    const dist = join(dir, "dist");
    const files = await listFiles(dist);
    expect(files.some((f) => f.endsWith(".arrow"))).toBe(true);
    expect(files.some((f) => /rejects(\.[0-9a-f]+)?\.csv$/.test(f))).toBe(true);
    const found: string[] = [];
    for (const file of files) {
      const bytes = await readFile(join(dist, file));
      const texts = [bytes.toString("latin1"), ...(await decodedStrings(file, bytes))];
      for (const text of texts) {
        for (const marker of MARKERS) {
          const match = marker.exec(text);
          if (match) found.push(`${file}: …${text.slice(Math.max(0, match.index - 30), match.index + 40)}…`);
        }
      }
    }
    expect(found.slice(0, 10)).toEqual([]);
  });

  it("still lists the malformed lines as rejects, with their raw text withheld", async () => {
    const rejects = csvParse(await findFile(join(dir, "dist"), "rejects"));
    const malformed = rejects.filter((r) => r.rule === "malformed_line");
    expect(malformed.map((r) => r.table_name).sort()).toEqual([
      "account_profiles",
      "articles",
      "cost_events",
      "customers",
      "orders",
      "sales_lines"
    ]);
    expect(new Set(malformed.map((r) => r.value))).toEqual(new Set(["(withheld: personal data)"]));
  });
});

describe("the main site (the generated sample, default settings)", () => {
  it("contains none of the sample's customer names, organisation numbers or contact persons", async () => {
    const customers = csvParse(await readFile(join(SAMPLE, "customers.csv"), "utf8"));
    const profiles = csvParse(await readFile(join(SAMPLE, "account_profiles.csv"), "utf8"));
    const secrets = new Set(
      [
        ...customers.map((c) => c.customer_name),
        ...customers.map((c) => c.org_number),
        ...profiles.map((p) => p.contact_person),
        ...profiles.map((p) => p.notes)
      ].filter((s): s is string => Boolean(s && s.length >= 4))
    );
    expect(secrets.size).toBeGreaterThan(1000);
    // Index the secrets by their first word, then look only where that word occurs (fast on MBs of text).
    const byFirstWord = new Map<string, string[]>();
    for (const secret of secrets) {
      const first = secret.split(/[\s,]/)[0];
      byFirstWord.set(first, [...(byFirstWord.get(first) ?? []), secret]);
    }
    const found: string[] = [];
    const search = (file: string, text: string) => {
      for (const match of text.matchAll(/[^\s"',;:<>()[\]{}]+/g)) {
        for (const secret of byFirstWord.get(match[0]) ?? []) {
          if (text.startsWith(secret, match.index)) found.push(`${file}: ${secret}`);
        }
      }
    };
    const dist = join(ROOT, "dist");
    for (const file of await listFiles(dist)) {
      const bytes = await readFile(join(dist, file));
      for (const value of await decodedStrings(file, bytes)) search(file, value);
      if (file.endsWith(".html")) search(file, bytes.toString("utf8"));
    }
    // every file that leaks, with how many names and one of them
    const byFile = new Map<string, string[]>();
    for (const hit of found) {
      const [file, name] = hit.split(/: (.*)/s);
      byFile.set(file, [...(byFile.get(file) ?? []), name]);
    }
    expect([...byFile].map(([file, names]) => `${file}: ${names.length} names, e.g. "${names[0]}"`)).toEqual([]);
  });
});

async function listFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, {recursive: true, withFileTypes: true});
  return entries.filter((e) => e.isFile()).map((e) => relative(root, join(e.parentPath, e.name)));
}

async function findFile(root: string, name: string): Promise<string> {
  const file = (await listFiles(root)).find((f) => f.includes(name) && f.endsWith(".csv"));
  return file ? readFile(join(root, file), "utf8") : "";
}
