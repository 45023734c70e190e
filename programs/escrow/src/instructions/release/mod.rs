//! Pays a delivered job: the amount to the provider's ledger, the fee to the platform, and
//! the rent back to whoever paid it. The client may release at any time after delivery;
//! once `review_by` has passed without a dispute anyone may (the auto-accept crank).
//! Disputed jobs never release this way.

use crate::checks;
use crate::error::EscrowError;
use crate::events::JobOutcome;
use crate::instructions::settlement::{Payout, Recipients, settle};
use crate::runtime::{AccountInfo, Pubkey, keys_eq, unix_timestamp};
use crate::state::job::JobStatus;
use crate::state::{AccountState, Agent, Config, Job};

/// Accounts:
/// 0. `[signer]` authority — the client, or anyone once `review_by` has passed
/// 1. `[writable]` job
/// 2. `[writable]` provider_agent — PDA `["agent", job.provider]`; the provider's ledger
/// 3. `[writable]` config — PDA `["config"]`; receives the fee
/// 4. `[writable]` rent_payer — the job's rent payer, refunded its rent
pub fn process(program_id: &Pubkey, accounts: &[AccountInfo], data: &[u8]) -> Result<(), EscrowError> {
    let [authority, job_account, provider_account, config_account, rent_payer, ..] = accounts else {
        return Err(EscrowError::NotEnoughAccounts);
    };
    if !data.is_empty() {
        return Err(EscrowError::InvalidInstruction);
    }

    // Signers, writability, types, then relations.
    checks::signer(authority)?;
    checks::writable(rent_payer)?;
    let job = Job::load_writable(job_account, program_id)?;
    let provider = Agent::load_writable(provider_account, program_id)?;
    let config = Config::load_writable(config_account, program_id)?;
    provider.require_wallet(&job.provider)?;
    job.require_rent_payer(rent_payer.key())?;
    job.require_status(JobStatus::Delivered)?;
    let outcome = if keys_eq(authority.key(), &job.client) {
        JobOutcome::Released
    } else {
        if unix_timestamp() <= job.review_by {
            return Err(EscrowError::DeadlineNotReached);
        }
        JobOutcome::AutoReleased
    };

    let payout = Payout::release(job, outcome);
    settle(job_account, job, rent_payer, &payout, Recipients { provider: Some(provider), client: None, config: Some(config) })
}
