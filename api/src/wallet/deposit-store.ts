/**
 * SQL over `deposit_credits` and `deposit_scan_cursors` (see deposit-entities.ts). Every
 * write is conditional, so scans that race (two requests, a request and the background
 * worker, two replicas) agree on one outcome per transfer.
 */

import type { DepositCreditRow } from "@justpay/db";
import type { TokenTransfer } from "@justpay/sdk";
import type { Knex } from "@mikro-orm/postgresql";

export class DepositStore {
  constructor(private readonly knex: Knex) {}

  async cursor(agentId: string): Promise<string | undefined> {
    const { rows } = await this.knex.raw("select signature from deposit_scan_cursors where agent_id = ?", [agentId]);
    return (rows[0] as { signature: string } | undefined)?.signature;
  }

  /** Records what one scan found and where it stopped, together: the cursor never passes an unrecorded transfer. */
  async recordScan(agentId: string, transfers: TokenTransfer[], cursor: string): Promise<void> {
    await this.knex.transaction(async (trx) => {
      if (transfers.length > 0) {
        const rows = transfers.map((t) => ({
          transfer_signature: t.signature,
          transfer_index: t.index,
          agent_id: agentId,
          amount: t.amount.toString(),
          source_token_account: t.source.toBase58(),
          source_owner: t.sourceOwner.toBase58(),
          transfer_slot: t.slot,
        }));
        await trx("deposit_credits").insert(rows).onConflict(["transfer_signature", "transfer_index"]).ignore();
      }
      await trx.raw(
        `insert into deposit_scan_cursors (agent_id, signature) values (?, ?)
         on conflict (agent_id) do update set signature = excluded.signature, updated_at = now()`,
        [agentId, cursor],
      );
    });
  }

  /** The agent's uncredited transfers in chain order: the emergency address depends on which comes first. */
  async pending(agentId: string): Promise<DepositCreditRow[]> {
    const { rows } = await this.knex.raw(
      `select * from deposit_credits where agent_id = ? and status = 'pending'
       order by transfer_slot, transfer_signature, transfer_index`,
      [agentId],
    );
    return rows as DepositCreditRow[];
  }

  /** Refused transfers go back to pending for another attempt (under a new key), up to `maxAttempts`. */
  async reopenFailed(agentId: string, maxAttempts: number): Promise<number> {
    const { rowCount } = await this.knex.raw(
      `update deposit_credits set status = 'pending', attempt = attempt + 1, error = null
       where agent_id = ? and status = 'failed' and attempt + 1 < ?`,
      [agentId, maxAttempts],
    );
    return rowCount ?? 0;
  }

  async markCredited(row: DepositCreditRow, deposit: { signature: string; slot: number }): Promise<void> {
    await this.knex.raw(
      `update deposit_credits set status = 'credited', deposit_signature = ?, deposit_slot = ?, credited_at = now()
       where transfer_signature = ? and transfer_index = ? and status = 'pending' and attempt = ?`,
      [deposit.signature, deposit.slot, row.transfer_signature, row.transfer_index, row.attempt],
    );
  }

  /**
   * The agent's credits no confirm-deposit answer has reported yet, marked reported in the same
   * statement: of two racing callers, only one gets each row.
   */
  async claimUnreported(agentId: string): Promise<DepositCreditRow[]> {
    const { rows } = await this.knex.raw(
      `update deposit_credits set reported_at = now()
       where agent_id = ? and status = 'credited' and reported_at is null
       returning *`,
      [agentId],
    );
    return (rows as DepositCreditRow[]).sort((a, b) => Number(a.transfer_slot) - Number(b.transfer_slot));
  }

  async markFailed(row: DepositCreditRow, error: string): Promise<void> {
    await this.knex.raw(
      `update deposit_credits set status = 'failed', error = ?
       where transfer_signature = ? and transfer_index = ? and status = 'pending' and attempt = ?`,
      [error, row.transfer_signature, row.transfer_index, row.attempt],
    );
  }
}
