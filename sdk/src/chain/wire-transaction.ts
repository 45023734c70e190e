/**
 * A signed transaction's wire bytes read in place: views into the bytes for what a chain checks
 * before it executes a transaction (signatures, keys, blockhash, instructions, lookup tables),
 * without building web3.js or kit objects.
 *
 * As strict as the runtime's own decoder (bincode, with short_vec lengths): litesvm's native
 * binding aborts the whole process on bytes it cannot decode, so anything accepted here must
 * decode there. Lengths must be minimally encoded and nothing may be cut short. Bytes after the
 * message are ignored, as web3.js and the runtime ignore them.
 */

export interface WireInstruction {
  programIdIndex: number;
  accountIndexes: Uint8Array;
  data: Uint8Array;
}

export interface WireLookup {
  tableKey: Uint8Array;
  writableIndexes: Uint8Array;
  readonlyIndexes: Uint8Array;
}

export interface WireTransaction {
  /** The whole transaction as it was handed over. */
  bytes: Uint8Array;
  signatures: Uint8Array[];
  version: "legacy" | 0;
  numRequiredSignatures: number;
  numReadonlySignedAccounts: number;
  numReadonlyUnsignedAccounts: number;
  staticKeys: Uint8Array[];
  recentBlockhash: Uint8Array;
  instructions: WireInstruction[];
  /** Always empty for a legacy transaction. */
  lookups: WireLookup[];
}

const SIGNATURE_BYTES = 64;
const KEY_BYTES = 32;
const VERSION_PREFIX = 0x80;

class Reader {
  private offset = 0;

  constructor(private readonly bytes: Uint8Array) {}

  peek(): number {
    if (this.offset >= this.bytes.length) throw new Error("the transaction is cut short");
    return this.bytes[this.offset]!;
  }

  byte(): number {
    const value = this.peek();
    this.offset++;
    return value;
  }

  take(count: number): Uint8Array {
    const end = this.offset + count;
    if (end > this.bytes.length) throw new Error("the transaction is cut short");
    const view = this.bytes.subarray(this.offset, end);
    this.offset = end;
    return view;
  }

  /** A short_vec length: 7 bits a byte, low bits first, at most 3 bytes and at most 0xffff. */
  length(): number {
    let value = 0;
    for (let i = 0; i < 3; i++) {
      const b = this.byte();
      // A zero byte after the first adds nothing: the runtime refuses such an alias encoding.
      if (i > 0 && b === 0) throw new Error("a length is not minimally encoded");
      value |= (b & 0x7f) << (7 * i);
      if ((b & 0x80) === 0) {
        if (value > 0xffff) break;
        return value;
      }
    }
    throw new Error("a length exceeds 16 bits");
  }

  list<T>(readItem: () => T): T[] {
    const count = this.length();
    const items = new Array<T>(count);
    for (let i = 0; i < count; i++) items[i] = readItem();
    return items;
  }
}

/** Throws an Error saying what is wrong when the bytes are not a well-formed transaction. */
export function decodeWireTransaction(bytes: Uint8Array): WireTransaction {
  const r = new Reader(bytes);
  const signatures = r.list(() => r.take(SIGNATURE_BYTES));
  let version: "legacy" | 0 = "legacy";
  if (r.peek() & VERSION_PREFIX) {
    const number = r.byte() & ~VERSION_PREFIX;
    if (number !== 0) throw new Error(`transaction version ${number} is not supported`);
    version = 0;
  }
  const numRequiredSignatures = r.byte();
  const numReadonlySignedAccounts = r.byte();
  const numReadonlyUnsignedAccounts = r.byte();
  const staticKeys = r.list(() => r.take(KEY_BYTES));
  const recentBlockhash = r.take(KEY_BYTES);
  const instructions = r.list(() => ({
    programIdIndex: r.byte(),
    accountIndexes: r.take(r.length()),
    data: r.take(r.length()),
  }));
  const lookups =
    version === 0
      ? r.list(() => ({
          tableKey: r.take(KEY_BYTES),
          writableIndexes: r.take(r.length()),
          readonlyIndexes: r.take(r.length()),
        }))
      : [];
  if (signatures.length !== numRequiredSignatures) {
    throw new Error(
      `${signatures.length} signatures for a message that requires ${numRequiredSignatures} (the runtime needs them equal)`,
    );
  }
  return {
    bytes,
    signatures,
    version,
    numRequiredSignatures,
    numReadonlySignedAccounts,
    numReadonlyUnsignedAccounts,
    staticKeys,
    recentBlockhash,
    instructions,
    lookups,
  };
}

/**
 * Whether the account at `index` (static keys, then loaded writable, then loaded read-only) may
 * be written, from the message header alone: the rule web3.js's `isAccountWritable` applies.
 */
export function isWritableIndex(tx: WireTransaction, index: number): boolean {
  const statics = tx.staticKeys.length;
  if (index >= statics) {
    const loadedWritable = tx.lookups.reduce((n, l) => n + l.writableIndexes.length, 0);
    return index - statics < loadedWritable;
  }
  if (index >= tx.numRequiredSignatures) {
    const unsigned = statics - tx.numRequiredSignatures;
    return index - tx.numRequiredSignatures < unsigned - tx.numReadonlyUnsignedAccounts;
  }
  return index < tx.numRequiredSignatures - tx.numReadonlySignedAccounts;
}
