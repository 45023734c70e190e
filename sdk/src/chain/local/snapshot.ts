/**
 * The svm state on disk, replaced atomically: written to a temporary file, flushed, then
 * renamed over the previous snapshot (and the directory flushed), so a crash leaves either
 * the old snapshot or the new one, never a mix. The header records the last log sequence the
 * state includes; recovery replays the log from there.
 */
import { createHash } from "node:crypto";
import { open, readFile, rename } from "node:fs/promises";
import { dirname } from "node:path";

const MAGIC = Buffer.from("JPSNAP01");

export interface SnapshotMeta {
  /** The last transaction-log sequence whose effects the state includes. */
  seq: number;
  /** Seconds added to wall time by `warpTo` in wall-clock mode. */
  clockOffset: string;
  /** Block height minus wall-clock blocks (see BlockhashWindow). */
  blockHeightOffset: number;
  programId: string;
}

export interface Snapshot {
  meta: SnapshotMeta;
  state: Uint8Array;
}

const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

export async function readSnapshot(path: string): Promise<Snapshot | null> {
  let buf: Buffer;
  try {
    buf = await readFile(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw e;
  }
  if (!buf.subarray(0, MAGIC.length).equals(MAGIC)) throw new Error(`${path} is not a LocalChain snapshot`);
  const metaLength = buf.readUInt32LE(MAGIC.length);
  const metaStart = MAGIC.length + 4;
  const { checksum, ...meta } = JSON.parse(
    buf.subarray(metaStart, metaStart + metaLength).toString("utf8"),
  ) as SnapshotMeta & {
    checksum: string;
  };
  const state = buf.subarray(metaStart + metaLength);
  if (sha256(state) !== checksum) throw new Error(`${path} is corrupt (checksum mismatch)`);
  return { meta, state };
}

async function syncPath(path: string, flags: string): Promise<void> {
  const h = await open(path, flags);
  try {
    await h.sync();
  } finally {
    await h.close();
  }
}

export async function writeSnapshot(path: string, snapshot: Snapshot): Promise<void> {
  const meta = Buffer.from(JSON.stringify({ ...snapshot.meta, checksum: sha256(snapshot.state) }), "utf8");
  const length = Buffer.alloc(4);
  length.writeUInt32LE(meta.length);
  const tmp = `${path}.tmp`;
  const h = await open(tmp, "w");
  try {
    await h.writeFile(Buffer.concat([MAGIC, length, meta, snapshot.state]));
    await h.sync();
  } finally {
    await h.close();
  }
  await rename(tmp, path);
  await syncPath(dirname(path), "r");
}
