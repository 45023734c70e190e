/** What the mirror must contain, computed from the chain and the transactions the test sent. */
import { strict as assert } from "node:assert";
import type { Database } from "@justpay/db";
import type { SendOutcome } from "@justpay/sdk";
import { IDL } from "@justpay/sdk";
import { formatReport } from "../../src/audit/report.js";
import { runAudit } from "../../src/audit/run-audit.js";
import { EventDecoder } from "../../src/decode/event-decoder.js";
import { stableStringify } from "../../src/idl/values.js";
import { rows } from "./db.js";
import type { LocalPlatform } from "./local-platform.js";

/** Every chain account has an equal, open row, every open row has its account, and the vault balances exactly. */
export async function assertMirrorEqualsChain(p: LocalPlatform, db: Database, context: string): Promise<void> {
  const report = await runAudit({ chain: p.chain, db, recheckDelayMs: 0 });
  assert.ok(report.ok, `${context}\n${formatReport(report)}`);
  assert.equal(report.invariant.unallocated, 0n, `${context}: nobody donates in tests, so the vault balances exactly`);
}

/** One line per event, in a form the events table and the decoded logs share. */
export function expectedEvents(p: LocalPlatform, sent: readonly SendOutcome[]): string[] {
  const decoder = new EventDecoder(IDL, p.chain.programId);
  const lines: string[] = [];
  for (const tx of sent) {
    if (tx.err !== null) continue;
    for (const e of decoder.decode(tx.logs)) {
      lines.push(`${tx.signature}#${e.index} ${tx.slot} ${e.name} ${stableStringify(e.data)}`);
    }
  }
  return lines.sort();
}

export async function recordedEvents(db: Database, schema: string): Promise<string[]> {
  const stored = await rows(db, schema, "events", "signature, event_index");
  return stored
    .map((e) => `${e.signature}#${e.event_index} ${e.slot} ${e.name} ${stableStringify(e.data as never)}`)
    .sort();
}
