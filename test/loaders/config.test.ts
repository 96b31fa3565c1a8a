/**
 * Issue 14: a strict mapping file. Each bad segmentera.json stops the load with the path of the bad value and,
 * for a typo, the nearest valid key; nothing of a file outside the dataset folder is read or echoed.
 */
import {mkdtemp, rm, symlink, writeFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterEach, describe, expect, it} from "vitest";
import {readDataset} from "../../loaders/extract/index.js";
import {ExtractError} from "../../loaders/extract/errors.js";

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, {recursive: true, force: true});
  dir = undefined;
});

async function configError(config: unknown): Promise<ExtractError> {
  dir = await mkdtemp(join(tmpdir(), "segmentera-config-"));
  await writeFile(join(dir, "lines.csv"), "invoice_date,customer_id,article_id,quantity,net_amount\n");
  await writeFile(join(dir, "segmentera.json"), JSON.stringify(config));
  try {
    await readDataset(dir);
  } catch (error) {
    if (error instanceof ExtractError) return error;
    throw error;
  }
  throw new Error("the configuration was accepted");
}

const lines = {file: "lines.csv"};

describe("segmentera.json is validated", () => {
  it.each([
    [{tables: {sales_lines: {...lines, colums: {}}}}, '"tables.sales_lines.colums" is not a key', '"columns"'],
    [{tables: {sales_lines: {...lines, csv: {delimeter: ";"}}}}, '"tables.sales_lines.csv.delimeter"', '"delimiter"'],
    [{tables: {sales_lines: lines}, settings: {publishPersonalDta: true}}, "not a key", '"publishPersonalData"'],
    [{tables: {sales_lines: lines}, settings: {publishPersonalData: "false"}}, "must be true or false", '"false"'],
    [{tables: {sales_lines: lines}, settings: {costRates: {order: "180"}}}, "settings.costRates.order", "a number"],
    [
      {tables: {sales_lines: lines}, settings: {costRates: {order: 1e15}}},
      "settings.costRates.order",
      "99999999999999"
    ],
    [{tables: {sales_lines: lines}, settings: {abc: {a: 80}}}, "settings.abc.a", "between 0 and 1"],
    [{tables: {sales_lines: lines}, settings: {asOf: "9/12/2011"}}, "settings.asOf", "YYYY-MM-DD"],
    [
      {tables: {sales_lines: lines}, settings: {orderValueBreaks: [500, 100, 2000]}},
      "settings.orderValueBreaks",
      "ascending"
    ],
    [
      {tables: {sales_lines: lines}, settings: {frequencyBreaks: [2, 4]}},
      "settings.frequencyBreaks",
      "a list of 3 values"
    ],
    [
      {tables: {sales_lines: {...lines, columns: {customer: "Kund"}}}},
      "tables.sales_lines.columns.customer",
      '"customer_id"'
    ],
    [{tables: {salesLines: lines}}, '"tables.salesLines"', '"sales_lines"'],
    [{tables: {customers: {file: "c.csv"}}}, '"tables.sales_lines" is required', "tables"],
    [
      {tables: {sales_lines: lines}, settings: {customSchemes: [{name: "abc", label: "A", sql: "'x'"}]}},
      "settings.customSchemes.0.name",
      "built-in scheme"
    ],
    [
      {tables: {sales_lines: lines}, settings: {customSchemes: [{name: "revenue", label: "R", sql: "'x'"}]}},
      "settings.customSchemes.0.name",
      "a column already uses"
    ],
    [
      {
        tables: {sales_lines: lines},
        settings: {
          customSchemes: [
            {name: "big", label: "B", sql: "'x'"},
            {name: "big", label: "B2", sql: "'y'"}
          ]
        }
      },
      "settings.customSchemes.1.name",
      "earlier custom scheme"
    ]
  ])("%j", async (config, where, what) => {
    const error = await configError(config);
    expect(error.rule).toBe("bad_config");
    expect(error.file).toMatch(/segmentera\.json$/);
    expect(error.message).toContain(where);
    expect(error.message).toContain(what);
  });

  it("refuses a file outside the dataset folder without reading it", async () => {
    for (const file of ["/etc/passwd", "../../../../etc/passwd"]) {
      const error = await configError({tables: {sales_lines: {file}}});
      expect(error.message).toContain("outside the dataset folder");
      expect(error.message).not.toContain("root:");
    }
  });

  it("refuses a symbolic link that leads outside the dataset folder", async () => {
    dir = await mkdtemp(join(tmpdir(), "segmentera-config-"));
    await symlink("/etc/passwd", join(dir, "lines.csv"));
    await writeFile(join(dir, "segmentera.json"), JSON.stringify({tables: {sales_lines: lines}}));
    await expect(readDataset(dir)).rejects.toThrow(/outside the dataset folder/);
  });
});
