/**
 * One LocalChain per data directory: two writers would interleave the log and overwrite
 * each other's snapshots. A LOCK file holds the owner's pid; a lock whose process is gone
 * (or that this process holds for no open chain, e.g. a copied directory) is stale and taken over.
 */
import { open, readFile, rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import { ChainError } from "../errors.js";

const heldHere = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const dir = resolve(dataDir);
  if (heldHere.has(dir)) throw new ChainError(`${dir} is already open in this process`);
  const path = join(dir, "LOCK");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const h = await open(path, "wx");
      await h.writeFile(String(process.pid));
      await h.close();
      heldHere.add(dir);
      return async () => {
        heldHere.delete(dir);
        await rm(path, { force: true });
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const pid = Number.parseInt(await readFile(path, "utf8").catch(() => ""), 10);
      if (Number.isInteger(pid) && pid !== process.pid && alive(pid)) {
        throw new ChainError(`${dir} is in use by process ${pid}`);
      }
      await rm(path, { force: true });
    }
  }
  throw new ChainError(`could not lock ${dir}`);
}
