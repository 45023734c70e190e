/**
 * `justpay audit` as a function: the vault invariant from chain state alone, then the
 * mirror compared with the chain. On a live system the chain moves while the audit reads, so
 * a mirror check that finds problems is repeated once after `recheckDelayMs`; a real
 * divergence (a tampered or stale row) survives the second look, a race does not.
 */

import type { Database, Idl } from "@justpay/db";
import type { Chain } from "@justpay/sdk";
import { IDL } from "@justpay/sdk";
import type { PublicKey } from "@solana/web3.js";
import { AccountDecoder } from "../decode/account-decoder.js";
import { schemaCoverage } from "../store/schema-coverage.js";
import { type ChainState, readChainState } from "./chain-state.js";
import { checkMirror, type MirrorReport } from "./mirror-check.js";
import type { Progress } from "./progress.js";
import { checkVaultInvariant, type InvariantReport } from "./vault-invariant.js";

export interface AuditOptions {
  chain: Chain;
  /** Omit to check the invariant only. */
  db?: Database;
  programId?: PublicKey;
  idl?: Idl;
  progress?: Progress;
  recheckDelayMs?: number;
}

export interface AuditReport {
  slot: number;
  programId: string;
  accounts: number;
  undecodable: ChainState["undecodable"];
  invariant: InvariantReport;
  mirror: MirrorReport | null;
  ok: boolean;
}

const NO_PROGRESS: Progress = { start: () => {}, increment: () => {}, stop: () => {} };

export async function runAudit(options: AuditOptions): Promise<AuditReport> {
  const programId = options.programId ?? options.chain.programId;
  const decoder = new AccountDecoder(options.idl ?? IDL);
  const state = await readChainState(options.chain, programId, decoder);
  const config = state.accounts.find((a) => a.spec.name === "Config");
  const invariant = checkVaultInvariant(state.accounts, state.vault, config ? String(config.row.usdc_mint) : null);

  let mirror: MirrorReport | null = null;
  if (options.db) {
    const compare = async (s: ChainState) => {
      const db = options.db as Database;
      const knex = db.em.getConnection().getKnex();
      const schema = db.config.get("schema") ?? "public";
      const coverage = await schemaCoverage(knex, schema, decoder.specs);
      return checkMirror({
        knex,
        schema,
        mirrored: coverage.mirrored,
        unmirrored: coverage.unmirrored,
        accounts: s.accounts,
        progress: options.progress ?? NO_PROGRESS,
      });
    };
    mirror = await compare(state);
    if (mirror.problems.length > 0 && (options.recheckDelayMs ?? 1_000) > 0) {
      await new Promise((r) => setTimeout(r, options.recheckDelayMs ?? 1_000));
      mirror = await compare(await readChainState(options.chain, programId, decoder));
    }
  }

  return {
    slot: state.slot,
    programId: programId.toBase58(),
    accounts: state.accounts.length + state.undecodable.length,
    undecodable: state.undecodable,
    invariant,
    mirror,
    ok: invariant.problems.length === 0 && (mirror?.problems.length ?? 0) === 0,
  };
}
