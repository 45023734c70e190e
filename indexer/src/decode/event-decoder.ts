/**
 * A transaction's logs → the program's events, in emission order. Anchor's EventParser
 * follows the invoke/success frames, so only "Program data:" lines written by our program
 * (not by programs it calls, nor programs calling it) are decoded.
 */
import { BorshCoder, EventParser } from "@coral-xyz/anchor";
import type { Idl } from "@justpay/db";
import { PublicKey } from "@solana/web3.js";
import { type JsonValue, toJsonValue } from "../idl/values.js";

export interface DecodedEventRow {
  /** Position among this program's events in the transaction; (signature, index) is unique. */
  index: number;
  name: string;
  data: { [key: string]: JsonValue };
  /** Every account key named in the event, so an agent's history is one indexed lookup. */
  mentions: string[];
}

/**
 * EventParser compares `programId.toString()` with every log line's frame, and web3.js
 * re-encodes base58 on each call; memoizing it made event decoding several times faster.
 */
class MemoizedKey extends PublicKey {
  private readonly text = super.toBase58();

  override toString(): string {
    return this.text;
  }

  override toBase58(): string {
    return this.text;
  }
}

export class EventDecoder {
  private readonly parser: EventParser;

  constructor(idl: Idl, programId: PublicKey) {
    this.parser = new EventParser(new MemoizedKey(programId.toBytes()), new BorshCoder(idl));
  }

  decode(logs: readonly string[]): DecodedEventRow[] {
    const rows: DecodedEventRow[] = [];
    for (const event of this.parser.parseLogs([...logs])) {
      const mentions = new Set<string>();
      const data = toJsonValue(event.data, (key) => mentions.add(key)) as { [key: string]: JsonValue };
      rows.push({ index: rows.length, name: event.name, data, mentions: [...mentions].sort() });
    }
    return rows;
  }
}
