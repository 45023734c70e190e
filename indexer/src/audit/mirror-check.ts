/**
 * Mirror ↔ chain, account by account: every chain account has an open row with equal
 * fields, and every open row still has its account. Values are compared in canonical form
 * (see `canonical`), so numeric strings, jsonb key order and the like never cause noise.
 */

import type { AccountTypeSpec } from "@justpay/db";
import type { Knex } from "@mikro-orm/postgresql";
import { canonical } from "../idl/values.js";
import { qualified } from "../store/mirror-sql.js";
import type { UnmirroredType } from "../store/schema-coverage.js";
import type { ChainAccountState } from "./chain-state.js";
import type { Progress } from "./progress.js";

export interface MirrorProblem {
  pubkey: string;
  type: string;
  problem: string;
}

export interface MirrorReport {
  accountsChecked: number;
  rowsChecked: number;
  problems: MirrorProblem[];
}

type DbRow = Record<string, unknown>;

async function loadRows(knex: Knex, schema: string, spec: AccountTypeSpec): Promise<Map<string, DbRow>> {
  const r = await knex.raw(`select * from ${qualified(schema, spec.table)}`);
  return new Map((r as { rows: DbRow[] }).rows.map((row) => [String(row.pubkey), row]));
}

function compareFields(spec: AccountTypeSpec, chain: ChainAccountState, row: DbRow): string[] {
  const diffs: string[] = [];
  for (const c of spec.columns) {
    const want = canonical(c.type.kind, chain.row[c.column]);
    const got = canonical(c.type.kind, row[c.column]);
    if (want !== got) diffs.push(`${c.column}: mirror has ${got}, chain has ${want}`);
  }
  return diffs;
}

export async function checkMirror(options: {
  knex: Knex;
  schema: string;
  mirrored: readonly AccountTypeSpec[];
  unmirrored: readonly UnmirroredType[];
  accounts: readonly ChainAccountState[];
  progress: Progress;
}): Promise<MirrorReport> {
  const { knex, schema, mirrored, accounts, progress } = options;
  const problems: MirrorProblem[] = [];
  const tables = new Map<string, Map<string, DbRow>>();
  let rowsChecked = 0;
  for (const spec of mirrored) {
    const rows = await loadRows(knex, schema, spec);
    rowsChecked += rows.size;
    tables.set(spec.name, rows);
  }

  const unmirrored = new Map(options.unmirrored.map((u) => [u.name, 0]));
  progress.start(accounts.length, "mirror");
  for (const account of accounts) {
    progress.increment();
    const type = account.spec.name;
    const rows = tables.get(type);
    if (!rows) {
      unmirrored.set(type, (unmirrored.get(type) ?? 0) + 1);
      continue;
    }
    const row = rows.get(account.pubkey);
    rows.delete(account.pubkey);
    if (!row) {
      problems.push({ pubkey: account.pubkey, type, problem: "no row for this account" });
      continue;
    }
    if (row.closed_at !== null)
      problems.push({ pubkey: account.pubkey, type, problem: "row is marked closed but the account exists" });
    for (const diff of compareFields(account.spec, account, row))
      problems.push({ pubkey: account.pubkey, type, problem: diff });
  }
  progress.stop();

  // What is left are rows without a chain account.
  for (const [type, rows] of tables) {
    for (const [pubkey, row] of rows) {
      if (row.closed_at === null)
        problems.push({ pubkey, type, problem: "row is open but the account no longer exists" });
    }
  }
  for (const [type, count] of unmirrored) {
    if (count > 0)
      problems.push({
        pubkey: "-",
        type,
        problem: `no table for this type: ${count} account(s) unmirrored (migration missing)`,
      });
  }
  return { accountsChecked: accounts.length, rowsChecked, problems };
}
