/**
 * The transaction pipeline: instructions in, one confirmed execution out, crash-safe.
 *
 * 1. The transaction is signed (fee payer + custodial signers), and the intent (instructions,
 *    required signers, and those signed bytes with their signature) is written to the outbox
 *    under a caller-chosen idempotency key, in one insert, BEFORE broadcast. Repeating a key
 *    returns the first outcome; the repeat's own signature is dropped unsent.
 * 2. It is sent and confirmed; the outcome is stored.
 *
 * Recovery after a crash: a "signed" intent may have landed: its status is looked up by
 * signature; if unknown, the same bytes are re-sent (the chain deduplicates by signature);
 * only when the chain says their blockhash expired — so they can never land — is it re-signed,
 * or voided when older than the caller's deadline, so stale work is given up rather than run
 * late. A "pending" intent (written unsigned: its signer key was missing, or by an earlier
 * version) was never broadcast: it is signed and sent, or voided when stale.
 * Hence at most one transaction of an intent ever executes.
 */

import type { TxIntentRow } from "@justpay/db";
import type { Chain, SendOutcome } from "@justpay/sdk";
import { BlockhashExpiredError, customErrorFromLogs, encodeBase58, TransactionRejectedError } from "@justpay/sdk";
import type { Keypair, TransactionInstruction } from "@solana/web3.js";
import { ed25519Sign } from "./ed25519.js";
import { IdempotencyConflictError, TxBusyError, TxProgramError, TxVoidedError } from "./errors.js";
import type { IntentStore, NewIntent } from "./intent-store.js";
import { keyMemo } from "./key-memo.js";
import { compileLegacyMessage, signedWire } from "./legacy-message.js";
import {
  canonicalInstruction,
  requiredSigners,
  type SerializedInstruction,
  serializeInstruction,
} from "./serialized-instruction.js";

/** Custodial key lookup; returns undefined when the key is unknown. */
export type SignerResolver = (pubkey: string) => Promise<Keypair | undefined>;

/** Points where a process can die; tests inject failures here to prove recovery. */
export interface PipelineHooks {
  afterIntentWritten?(key: string): void | Promise<void>;
  afterSigned?(key: string, signature: string): void | Promise<void>;
  afterSent?(key: string, outcome: SendOutcome): void | Promise<void>;
}

export interface PipelineOptions {
  chain: Chain;
  store: IntentStore;
  feePayer: Keypair;
  signers: SignerResolver;
  /** How long one worker owns an intent; a crashed worker's intents free up after this. */
  leaseMs?: number;
  /** Re-sign attempts after blockhash expiry before giving up. */
  maxSignings?: number;
  hooks?: PipelineHooks;
}

export interface TxSuccess {
  key: string;
  signature: string;
  slot: number;
}

export interface RecoveryReport {
  confirmed: string[];
  failed: string[];
  voided: string[];
  /** Intents another worker holds, or that hit a transient error; retried next pass. */
  skipped: string[];
}

export class TxPipeline {
  private readonly leaseMs: number;
  private readonly maxSignings: number;
  private readonly feePayerName: string;

  constructor(private readonly o: PipelineOptions) {
    this.feePayerName = o.feePayer.publicKey.toBase58();
    this.leaseMs = o.leaseMs ?? 60_000;
    this.maxSignings = o.maxSignings ?? 3;
  }

  /** Executes `instructions` exactly once under `key`. */
  async execute(key: string, label: string, instructions: TransactionInstruction[]): Promise<TxSuccess> {
    const intent = {
      key,
      label,
      instructions: instructions.map(serializeInstruction),
      signers: requiredSigners(instructions, this.o.feePayer.publicKey),
    };
    // Signed before it is written, so the intent is stored with its bytes in one round trip.
    const signed = await this.sign(intent);
    if ("missing" in signed) return this.refuseUnsignable(intent, signed.missing);
    const { row, leased: written } = await this.o.store.writeSigned(
      { ...intent, signature: signed.signature, txBytes: signed.wire },
      this.leaseMs,
    );
    if (written) {
      await this.o.hooks?.afterIntentWritten?.(key);
      await this.o.hooks?.afterSigned?.(key, signed.signature);
      return this.drive(row, { fresh: true });
    }
    return this.resume(row, intent.instructions);
  }

  /**
   * A repeated key: the stored intent decides. It is compared after a round trip (jsonb does
   * not keep key order), then finished by whoever leases it, or its outcome answered.
   */
  private async resume(row: TxIntentRow, serialized: SerializedInstruction[]): Promise<TxSuccess> {
    const stored = (row.instructions as SerializedInstruction[]).map((s) => canonicalInstruction(s));
    if (JSON.stringify(stored) !== JSON.stringify(serialized)) throw new IdempotencyConflictError(row.key);
    if (row.status !== "pending" && row.status !== "signed") return this.outcomeOf(row);
    const leased = await this.o.store.lease(row.key, this.leaseMs);
    if (!leased) {
      const now = await this.o.store.get(row.key);
      if (now && now.status !== "pending" && now.status !== "signed") return this.outcomeOf(now);
      throw new TxBusyError(row.key);
    }
    return this.drive(leased);
  }

  /** No custodial key for a signer: the intent is recorded voided (or an earlier one with the key answers). */
  private async refuseUnsignable(intent: NewIntent, missing: string): Promise<TxSuccess> {
    const { row, leased: written } = await this.o.store.write(intent, this.leaseMs);
    if (!written) return this.resume(row, intent.instructions);
    const error = `no custodial key for signer ${missing}`;
    await this.o.store.settle(intent.key, { status: "voided", error });
    throw new TxVoidedError(intent.key, error);
  }

  /**
   * Finishes or voids what crashed workers left behind. `voidStaleAfterMs`: an intent older
   * than this that has not landed is voided once it provably never can (never signed, or its
   * bytes expired), instead of being signed and sent late.
   */
  async recover(options: { voidStaleAfterMs?: number } = {}): Promise<RecoveryReport> {
    const report: RecoveryReport = { confirmed: [], failed: [], voided: [], skipped: [] };
    for (const candidate of await this.o.store.unsettled()) {
      const row = await this.o.store.lease(candidate.key, this.leaseMs);
      if (!row) {
        report.skipped.push(candidate.key);
        continue;
      }
      const age = Date.now() - new Date(row.created_at).getTime();
      const stale = options.voidStaleAfterMs !== undefined && age > options.voidStaleAfterMs;
      if (row.status === "pending" && stale) {
        // Never signed, so never broadcast: voiding cannot strand an execution.
        await this.o.store.settle(row.key, { status: "voided", error: "stale: not sent before the recovery deadline" });
        report.voided.push(row.key);
        continue;
      }
      try {
        await this.drive(row, { voidWhenExpired: stale });
        report.confirmed.push(row.key);
      } catch (e) {
        if (e instanceof TxProgramError) report.failed.push(row.key);
        else if (e instanceof TxVoidedError) report.voided.push(row.key);
        else report.skipped.push(row.key);
      }
    }
    return report;
  }

  /**
   * Sends a leased intent until it lands or fails. `fresh`: its bytes were signed and stored
   * just now, so they cannot have landed yet and are sent without asking. `voidWhenExpired`:
   * bytes that can no longer land void the intent instead of being signed again (recovery of
   * stale work).
   */
  private async drive(row: TxIntentRow, o: { fresh?: boolean; voidWhenExpired?: boolean } = {}): Promise<TxSuccess> {
    if (row.status === "signed" && row.signature && row.tx_bytes) {
      const landed = o.fresh ? undefined : await this.landed(row.key, row.signature);
      if (landed) return landed;
      try {
        return await this.broadcast(row.key, row.signature, row.tx_bytes);
      } catch (e) {
        // Expired bytes can never land any more; only now is a new signature safe.
        if (!(e instanceof BlockhashExpiredError)) throw e;
        if (o.voidWhenExpired) {
          const error = "stale: its transaction expired unsent before the recovery deadline";
          await this.o.store.settle(row.key, { status: "voided", error });
          throw new TxVoidedError(row.key, error);
        }
      }
    }
    for (let signing = 0; ; signing++) {
      const signed = await this.sign({ ...row, instructions: row.instructions as SerializedInstruction[] });
      if ("missing" in signed) {
        const error = `no custodial key for signer ${signed.missing}`;
        await this.o.store.settle(row.key, { status: "voided", error });
        throw new TxVoidedError(row.key, error);
      }
      await this.o.store.recordSigned(row.key, signed.signature, signed.wire);
      await this.o.hooks?.afterSigned?.(row.key, signed.signature);
      try {
        return await this.broadcast(row.key, signed.signature, signed.wire);
      } catch (e) {
        if (!(e instanceof BlockhashExpiredError) || signing + 1 >= this.maxSignings) throw e;
      }
    }
  }

  /**
   * Compiles the legacy message once, straight from the stored instructions
   * (legacy-message.ts), and signs those bytes with every required key (ed25519.ts): the same
   * wire bytes and signatures as web3.js's `Transaction.sign`, without its object churn and JS
   * curve code.
   */
  private async sign(
    row: Pick<NewIntent, "key" | "instructions" | "signers">,
  ): Promise<{ wire: Buffer; signature: string } | { missing: string }> {
    const keypairs = new Map<string, Keypair>([[this.feePayerName, this.o.feePayer]]);
    for (const pubkey of row.signers) {
      const signer = await this.o.signers(pubkey);
      if (!signer) return { missing: pubkey };
      keypairs.set(pubkey, signer);
    }
    const { blockhash } = await this.o.chain.latestBlockhash();
    const instructions = [...row.instructions, serializeInstruction(keyMemo(row.key))];
    const message = compileLegacyMessage(this.feePayerName, blockhash, instructions);
    const signatures = message.signers.map((name) => {
      const keypair = keypairs.get(name);
      // requiredSigners() wrote down every signing key, so a stranger here is a broken intent.
      if (!keypair) throw new Error(`intent ${row.key} needs a signature from ${name}, which it never listed`);
      return ed25519Sign(keypair, message.bytes);
    });
    return { wire: signedWire(message, signatures), signature: encodeBase58(signatures[0]!) };
  }

  private async broadcast(key: string, signature: string, wire: Uint8Array): Promise<TxSuccess> {
    let outcome: SendOutcome;
    try {
      outcome = await this.o.chain.sendTransaction(wire, "confirmed");
    } catch (e) {
      if (e instanceof TransactionRejectedError) {
        // A duplicate means an earlier broadcast of these bytes landed.
        const landed = await this.landed(key, signature);
        if (landed) return landed;
        await this.o.store.settle(key, { status: "failed", errorCode: e.errorCode ?? null, error: e.reason });
        throw TxProgramError.from(key, signature, e.errorCode, e.reason, e.logs);
      }
      throw e;
    }
    await this.o.hooks?.afterSent?.(key, outcome);
    return this.record(key, outcome);
  }

  /** Settles from the chain's record of `signature`, if it landed. */
  private async landed(key: string, signature: string): Promise<TxSuccess | undefined> {
    const status = await this.o.chain.getSignatureStatus(signature);
    if (!status) return undefined;
    const tx = await this.o.chain.getTransaction(signature);
    return this.record(key, {
      signature,
      slot: status.slot,
      err: status.err,
      logs: tx?.logs ?? [],
      computeUnits: tx?.computeUnits ?? 0,
      errorCode: tx ? customErrorFromLogs(tx.logs) : undefined,
    });
  }

  private async record(key: string, outcome: SendOutcome): Promise<TxSuccess> {
    if (outcome.err) {
      const error = TxProgramError.from(key, outcome.signature, outcome.errorCode, outcome.err, outcome.logs);
      await this.o.store.settle(key, {
        status: "failed",
        slot: outcome.slot,
        errorCode: outcome.errorCode ?? null,
        errorName: error.errorName ?? null,
        error: outcome.err,
      });
      throw error;
    }
    await this.o.store.settle(key, { status: "confirmed", slot: outcome.slot });
    return { key, signature: outcome.signature, slot: outcome.slot };
  }

  private outcomeOf(row: TxIntentRow): TxSuccess {
    const signature = row.signature ?? "";
    if (row.status === "confirmed") return { key: row.key, signature, slot: Number(row.slot) };
    if (row.status === "voided") throw new TxVoidedError(row.key, row.error ?? "voided");
    throw TxProgramError.from(row.key, signature, row.error_code ?? undefined, row.error ?? "failed", []);
  }
}
