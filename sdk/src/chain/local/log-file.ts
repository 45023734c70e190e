/**
 * The transaction log on disk: one JSON line per transaction, appended and flushed to stable
 * storage before the transaction is acknowledged. A crash can only tear the last line; it is
 * cut off on open (that transaction was never acknowledged, and the snapshot cannot be newer
 * than the log, so nothing that was confirmed is lost).
 */
import { type FileHandle, open, readFile, rm } from "node:fs/promises";
import { type CommittedTransaction, decodeEntry, encodeEntry } from "./log-entry.js";

export interface LogFileContents {
  entries: CommittedTransaction[];
  /** Bytes of a torn final line that were discarded. */
  discardedBytes: number;
}

async function readLog(path: string): Promise<{ entries: CommittedTransaction[]; validBytes: number; size: number }> {
  let buf: Buffer;
  try {
    buf = await readFile(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return { entries: [], validBytes: 0, size: 0 };
    throw e;
  }
  const entries: CommittedTransaction[] = [];
  let start = 0;
  for (;;) {
    const end = buf.indexOf(0x0a, start);
    if (end < 0) break; // no newline: a torn final write
    const entry = decodeEntry(buf.subarray(start, end).toString("utf8"));
    const expected = (entries.at(-1)?.seq ?? entry.seq - 1) + 1;
    if (entry.seq !== expected) throw new Error(`${path}: sequence ${entry.seq} follows ${expected - 1}`);
    entries.push(entry);
    start = end + 1;
  }
  return { entries, validBytes: start, size: buf.length };
}

export class LogFile {
  private constructor(
    private readonly handle: FileHandle,
    private readonly durable: boolean,
  ) {}

  /** Reads the log, drops a torn tail, and opens it for appending. */
  static async open(path: string, durable: boolean): Promise<{ log: LogFile; contents: LogFileContents }> {
    const { entries, validBytes, size } = await readLog(path);
    const handle = await open(path, "a+");
    if (validBytes < size) {
      await handle.truncate(validBytes);
      await handle.sync();
    }
    return { log: new LogFile(handle, durable), contents: { entries, discardedBytes: size - validBytes } };
  }

  static async remove(path: string): Promise<void> {
    await rm(path, { force: true });
  }

  async append(tx: CommittedTransaction): Promise<void> {
    // One write per record so a crash tears at most this line.
    await this.handle.write(`${encodeEntry(tx)}\n`);
    if (this.durable) await this.handle.datasync();
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}
