/**
 * A transaction's logs → the program's events, in emission order. Anchor's EventParser
 * follows the invoke/success frames, so only "Program data:" lines written by our program
 * (not by programs it calls, nor programs calling it) are decoded.
 */
import { BorshCoder, EventParser } from "@coral-xyz/anchor";
import type { PublicKey } from "@solana/web3.js";
import type { Idl } from "../idl/idl-types.js";
import { type JsonValue, toJsonValue } from "../idl/values.js";

export interface DecodedEventRow {
  /** Position among this program's events in the transaction; (signature, index) is unique. */
  index: number;
  name: string;
  data: { [key: string]: JsonValue };
  /** Every account key named in the event, so an agent's history is one indexed lookup. */
  mentions: string[];
}

function collectKeys(value: unknown, into: Set<string>): void {
  if (!value || typeof value !== "object") return;
  if (typeof (value as { toBase58?: unknown }).toBase58 === "function") {
    into.add((value as { toBase58(): string }).toBase58());
    return;
  }
  for (const v of Object.values(value)) collectKeys(v, into);
}

export class EventDecoder {
  private readonly parser: EventParser;

  constructor(idl: Idl, programId: PublicKey) {
    this.parser = new EventParser(programId, new BorshCoder(idl));
  }

  decode(logs: readonly string[]): DecodedEventRow[] {
    const rows: DecodedEventRow[] = [];
    for (const event of this.parser.parseLogs([...logs])) {
      const mentions = new Set<string>();
      collectKeys(event.data, mentions);
      rows.push({
        index: rows.length,
        name: event.name,
        data: toJsonValue(event.data) as { [key: string]: JsonValue },
        mentions: [...mentions].sort(),
      });
    }
    return rows;
  }
}
