//! Returns an undelivered job's amount and fee to the client's ledger and closes it. The
//! client may cancel at any time before delivery; anyone may refund once the job missed
//! its deadline: `apply_by` for an open job nobody was assigned to, `deliver_by` otherwise.

use crate::checks;
use crate::error::EscrowError;
use crate::events::JobOutcome;
use crate::instructions::settlement::{Payout, Recipients, settle};
use crate::runtime::{AccountInfo, Pubkey, keys_eq, unix_timestamp};
use crate::state::{AccountState, Agent, Job};

/// Accounts:
/// 0. `[signer]` authority — the client, or anyone once the job's deadline has passed
/// 1. `[writable]` job
/// 2. `[writable]` client_agent — PDA `["agent", job.client]`; the client's ledger
/// 3. `[writable]` rent_payer — the job's rent payer, refunded its rent
pub fn process(program_id: &Pubkey, accounts: &[AccountInfo], data: &[u8]) -> Result<(), EscrowError> {
    let [authority, job_account, client_account, rent_payer, ..] = accounts else {
        return Err(EscrowError::NotEnoughAccounts);
    };
    if !data.is_empty() {
        return Err(EscrowError::InvalidInstruction);
    }

    // Signers, writability, types, then relations.
    checks::signer(authority)?;
    checks::writable(rent_payer)?;
    let job = Job::load_writable(job_account, program_id)?;
    let client = Agent::load_writable(client_account, program_id)?;
    client.require_wallet(&job.client)?;
    job.require_rent_payer(rent_payer.key())?;
    if !job.is_undelivered() {
        return Err(EscrowError::InvalidStatus);
    }
    let outcome = if keys_eq(authority.key(), &job.client) {
        JobOutcome::Cancelled
    } else {
        if unix_timestamp() <= job.refund_deadline() {
            return Err(EscrowError::DeadlineNotReached);
        }
        JobOutcome::Expired
    };

    let payout = Payout::refund(job, outcome);
    settle(job_account, job, rent_payer, &payout, Recipients { provider: None, client: Some(client), config: None })
}
