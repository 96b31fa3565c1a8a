/**
 * Issue 14: crash-safe loads. A lock left by a killed process is taken over at once, files a killed run left
 * are removed, and a cache folder that cannot be written ends in one message naming it.
 */
import {spawnSync} from "node:child_process";
import {existsSync} from "node:fs";
import {mkdir, mkdtemp, readdir, rm, writeFile} from "node:fs/promises";
import {hostname, tmpdir} from "node:os";
import {join} from "node:path";
import {afterEach, describe, expect, it} from "vitest";
import {cacheError, removeLeftovers, withLock} from "../../loaders/cache.js";
import {ExtractError} from "../../loaders/extract/errors.js";

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
