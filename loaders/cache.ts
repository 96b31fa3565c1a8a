/**
 * The cache folder's housekeeping: a cross-process lock that survives a killed owner, the removal of what a
 * killed run left behind, and one clear message when the folder cannot be written (disk full, no permission,
 * read-only). Framework runs data loaders in parallel processes, and `npm run warehouse` may be killed at any
 * point, so none of these may depend on a process ending cleanly.
 */
import {hostname} from "node:os";
import {constants} from "node:fs";
import {copyFile, mkdir, readdir, readFile, rename, rm, stat, writeFile} from "node:fs/promises";
import {join} from "node:path";
import {openDatabase, type Database} from "./duckdb.js";
import {ExtractError} from "./extract/errors.js";
import type {Logger} from "./log.js";

interface LockOwner {
  pid: number;
  host: string;
  started: string;
}

/** A lock whose owner is on another host (a shared folder) is taken over after this long. */
const FOREIGN_STALE_MS = 10 * 60_000;
/** A lock folder without an owner file is being created, or its creator died in between. */
const OWNERLESS_STALE_MS = 5_000;

/**
 * Run `work` holding the lock `lockDir` (an exclusive mkdir with the owner's pid and host inside). A lock held
 * by a process of this host that no longer runs is taken over at once.
 * @example await withLock("data/.cache/staging.lock", () => stage(dataset, options), log)
 */
export async function withLock<T>(lockDir: string, work: () => Promise<T>, log?: Logger): Promise<T> {
  let waitingFor: number | undefined;
  for (;;) {
    try {
      await mkdir(lockDir);
      const owner: LockOwner = {pid: process.pid, host: hostname(), started: new Date().toISOString()};
      await writeFile(join(lockDir, "owner.json"), JSON.stringify(owner));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw cacheError(error, lockDir);
      const owner = await readOwner(lockDir);
      const age = Date.now() - ((await stat(lockDir).catch(() => undefined))?.mtimeMs ?? Date.now());
      const abandoned = owner
        ? owner.host === hostname()
          ? !isAlive(owner.pid)
          : age > FOREIGN_STALE_MS
        : age > OWNERLESS_STALE_MS;
      // Re-read the owner just before removing, so a lock another process has just taken over stays.
      if (abandoned && (await readOwner(lockDir))?.pid === owner?.pid) {
        log?.info(`taking over ${lockDir}${owner ? `, left by process ${owner.pid} (no longer running)` : ""}`);
        await rm(lockDir, {recursive: true, force: true});
        continue;
      }
      if (owner && waitingFor !== owner.pid) {
        waitingFor = owner.pid;
        log?.info(`waiting for process ${owner.pid} on ${owner.host}, which holds ${lockDir}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    return await work();
  } finally {
    await rm(lockDir, {recursive: true, force: true});
  }
}

/**
 * Remove temporary databases (`*.<pid>.tmp`, with their `.wal`) whose process no longer runs.
 * @returns the names removed
 */
export async function removeLeftovers(dir: string): Promise<string[]> {
  const removed: string[] = [];
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const match = /\.(\d+)\.tmp(\.wal)?$/.exec(name);
    if (!match || isAlive(Number(match[1]))) continue;
    await rm(join(dir, name), {recursive: true, force: true});
    removed.push(name);
  }
  return removed;
}

/**
 * Write a database file all at once: `build` fills a temporary file named after this process, which becomes
 * `path` only when it succeeds (a killed run leaves only the temporary, removed by removeLeftovers). With
 * `from`, the temporary starts as a byte copy of that database file (a clone where the file system can).
 */
export async function buildDatabase<T>(
  path: string,
  build: (db: Database) => Promise<T>,
  {from}: {from?: string} = {}
): Promise<T> {
  const temporary = `${path}.${process.pid}.tmp`;
  await rm(temporary, {force: true});
  if (from) await copyFile(from, temporary, constants.COPYFILE_FICLONE);
  const db = await openDatabase(temporary);
  let result: T;
  try {
    result = await build(db);
    await db.run("CHECKPOINT");
  } catch (error) {
    db.close();
    await rm(temporary, {force: true});
    await rm(`${temporary}.wal`, {force: true});
    throw error;
  }
  db.close();
  await rename(temporary, path);
  return result;
}

/**
 * Turn a failure to write the cache folder into one clear message naming the folder; other errors pass through.
 */
export function cacheError(error: unknown, dir: string): unknown {
  if (error instanceof ExtractError) return error;
  const code = (error as NodeJS.ErrnoException)?.code;
  const message = String((error as Error)?.message ?? error);
  const problem =
    code === "ENOSPC" || /No space left on device|disk is full/i.test(message)
      ? "the disk is full"
      : code === "EACCES" || code === "EPERM" || /Permission denied|Operation not permitted/i.test(message)
        ? "Segmentera may not write there (permission denied)"
        : code === "EROFS" || /Read-only file system/i.test(message)
          ? "the folder is on a read-only file system"
          : undefined;
  if (!problem) return error;
  return new ExtractError({
    file: dir,
    rule: "cache_unwritable",
    problem: `the cache folder cannot be written: ${problem}`,
    hint: "free some space or fix the folder's permissions, or point SEGMENTERA_CACHE at a writable folder"
  });
}

async function readOwner(lockDir: string): Promise<LockOwner | undefined> {
  try {
    const owner = JSON.parse(await readFile(join(lockDir, "owner.json"), "utf8")) as LockOwner;
    return Number.isInteger(owner.pid) && typeof owner.host === "string" ? owner : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
