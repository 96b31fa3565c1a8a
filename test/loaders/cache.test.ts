/**
 * Issue 14: crash-safe loads. A lock left by a killed process is taken over at once, files a killed run left
 * are removed, and a cache folder that cannot be written ends in one message naming it.
 */
import {spawnSync} from "node:child_process";
import {existsSync} from "node:fs";
import {appendFile, cp, mkdir, mkdtemp, readdir, rm, writeFile} from "node:fs/promises";
import {hostname, tmpdir} from "node:os";
import {join} from "node:path";
import {afterEach, describe, expect, it} from "vitest";
import {cacheError, removeLeftovers, withLock} from "../../loaders/cache.js";
import {ExtractError} from "../../loaders/extract/errors.js";
import {codeVersion, ENGINE_EXCLUDES} from "../../loaders/warehouse.js";

/** The pid of a process that has ended. */
function deadPid(): number {
  return spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]).stdout.toString() as never;
}

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, {recursive: true, force: true});
  dir = undefined;
});

describe("withLock", () => {
  it("takes over at once a lock whose owner was killed (it used to wait ten minutes)", async () => {
    dir = await mkdtemp(join(tmpdir(), "segmentera-lock-"));
    const lock = join(dir, "staging.lock");
    await mkdir(lock);
    await writeFile(join(lock, "owner.json"), JSON.stringify({pid: Number(deadPid()), host: hostname(), started: ""}));
    const messages: string[] = [];
    const log = {info: (m: string) => messages.push(m)} as never;
    expect(await withLock(lock, async () => "done", log)).toBe("done");
    expect(messages.join("\n")).toContain("no longer running");
    expect(existsSync(lock)).toBe(false);
  }, 5_000);

  it("waits for a live owner", async () => {
    dir = await mkdtemp(join(tmpdir(), "segmentera-lock-"));
    const lock = join(dir, "warehouse.lock");
    const order: string[] = [];
    let release!: () => void;
    const first = withLock(lock, () => new Promise<void>((r) => (release = r)).then(() => void order.push("first")));
    await new Promise((r) => setTimeout(r, 50));
    const second = withLock(lock, async () => void order.push("second"));
    await new Promise((r) => setTimeout(r, 400));
    expect(order).toEqual([]);
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(["first", "second"]);
  });
});

describe("removeLeftovers", () => {
  it("removes the temporary databases of dead processes and keeps those of live ones", async () => {
    dir = await mkdtemp(join(tmpdir(), "segmentera-leftovers-"));
    const dead = Number(deadPid());
    const names = [
      `warehouse-abc.duckdb.${dead}.tmp`,
      `warehouse-abc.duckdb.${dead}.tmp.wal`,
      `staging-abc.duckdb.${process.pid}.tmp`,
      "warehouse-abc.duckdb"
    ];
    for (const name of names) await writeFile(join(dir, name), "x");
    expect((await removeLeftovers(dir)).sort()).toEqual(names.slice(0, 2).sort());
    expect((await readdir(dir)).sort()).toEqual(names.slice(2).sort());
  });
});

describe("cacheError", () => {
  it.each([
    [Object.assign(new Error("ENOSPC: no space left on device, write"), {code: "ENOSPC"}), "the disk is full"],
    [new Error('IO Error: Could not write file "x.wal": No space left on device'), "the disk is full"],
    [Object.assign(new Error("EACCES: permission denied, mkdir"), {code: "EACCES"}), "permission denied"],
    [Object.assign(new Error("EROFS: read-only file system"), {code: "EROFS"}), "read-only file system"]
  ])("names the folder for %s", (error, text) => {
    const clear = cacheError(error, "/srv/cache") as ExtractError;
    expect(clear).toBeInstanceOf(ExtractError);
    expect(clear.message).toContain("/srv/cache");
    expect(clear.message).toContain(text);
    expect(clear.rule).toBe("cache_unwritable");
  });

  it("passes other errors through", () => {
    const other = new TypeError("x is undefined");
    expect(cacheError(other, "/srv/cache")).toBe(other);
  });
});

describe("npm run warehouse on a full disk", () => {
  // A real full disk: a 300 kB tmpfs (needs root, as on CI; skipped where mounting is not allowed).
  const mountPoint = join(tmpdir(), `segmentera-full-${process.pid}`);
  const mounted =
    spawnSync("mkdir", ["-p", mountPoint]).status === 0 &&
    spawnSync("mount", ["-t", "tmpfs", "-o", "size=300k", "tmpfs", mountPoint]).status === 0;

  it.skipIf(!mounted)("exits 1 with one message naming the folder, and leaves nothing behind", async () => {
    try {
      const result = spawnSync(process.execPath, ["--import", "tsx", "loaders/cli.ts"], {
        env: {...process.env, SEGMENTERA_CACHE: mountPoint, SEGMENTERA_DATA: "test/fixtures/extracts/comma-utf8"},
        encoding: "utf8"
      });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(`${mountPoint}: the cache folder cannot be written: the disk is full`);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(await readdir(mountPoint)).toEqual([]);
    } finally {
      spawnSync("umount", [mountPoint]);
      await rm(mountPoint, {recursive: true, force: true});
    }
  });
});

describe("build once, read many", () => {
  /** Run a script of the project with the test's cache and dataset folders. */
  function run(script: string, env: Record<string, string>) {
    const result = spawnSync(process.execPath, ["--import", "tsx", script], {
      env: {...process.env, ...env},
      encoding: "utf8"
    });
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.status).toBe(0);
    return result;
  }

  it("page loaders open the built warehouse without reading the extracts, and rebuild when one is edited", async () => {
    dir = await mkdtemp(join(tmpdir(), "segmentera-pointer-"));
    const data = join(dir, "data");
    await cp("test/fixtures/extracts/comma-utf8", data, {recursive: true});
    const env = {SEGMENTERA_CACHE: join(dir, "cache"), SEGMENTERA_DATA: data};
    run("loaders/cli.ts", env);

    const served = run("src/data/meta.json.ts", env);
    expect(served.stderr).toBe(""); // no staging, no hashing, no engine: the pointer's warehouse as it is
    expect(JSON.parse(served.stdout).sales_lines).toBe(3);

    await appendFile(join(data, "lines.csv"), "2024-03-04,K4,A1,1,10.00\n");
    const rebuilt = run("src/data/meta.json.ts", env);
    expect(rebuilt.stderr).toContain("sales_lines"); // the loader staged the edited file itself
    expect(JSON.parse(rebuilt.stdout).sales_lines).toBe(4);
    expect(run("src/data/meta.json.ts", env).stderr).toBe(""); // and pointed the next loader at the new warehouse
  });

  it("keys the warehouse by the engine's code, not by the benchmark, the PDF printer or the scaffold", async () => {
    dir = await mkdtemp(join(tmpdir(), "segmentera-code-"));
    for (const folder of ["segmentation", "bench", "pdf", "scaffold"]) await mkdir(join(dir, folder));
    const write = (file: string, text: string) => writeFile(join(dir!, file), text);
    await write("segmentation/schemes.ts", "export const a = 1;");
    await write("bench/index.ts", "export const b = 1;");
    const before = await codeVersion(ENGINE_EXCLUDES, dir);

    await write("bench/index.ts", "export const b = 2;");
    await write("pdf/report.ts", "export const c = 1;");
    await write("scaffold/new-analysis.ts", "export const d = 1;");
    expect(await codeVersion(ENGINE_EXCLUDES, dir)).toBe(before);

    await write("segmentation/schemes.ts", "export const a = 2;");
    expect(await codeVersion(ENGINE_EXCLUDES, dir)).not.toBe(before);
  });
});
