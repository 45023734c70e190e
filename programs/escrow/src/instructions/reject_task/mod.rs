//! The owner rejects a delivery before `review_by`. `reward + fee` return to the pool (to
//! the owner's ledger if the campaign is cancelled); the claim still counts toward the
//! agent's `max_per_agent`, so rejected work cannot be resubmitted endlessly.

use crate::checks;
use crate::error::EscrowError;
use crate::events::{Event, TaskRejected};
use crate::instructions::campaign_common::{Settlement, hash_arg, load_task, refund};
use crate::runtime::{AccountInfo, Pubkey, key, unix_timestamp};
use crate::state::TaskStatus;

/// Accounts:
/// 0. `[signer]` owner — the campaign owner
/// 1. `[writable]` campaign
/// 2. `[writable]` task
/// 3. `[writable]` owner_agent — PDA `["agent", owner]`; the owner's ledger; refunded instead of the pool if the campaign is cancelled
/// 4. `[writable]` rent_payer — the task's rent payer
#[repr(C, packed)]
#[derive(Clone, Copy)]
pub struct Args {
    /// Hash of the reason the API stores
    pub reason_hash: [u8; 32],
}

pub fn process(program_id: &Pubkey, accounts: &[AccountInfo], data: &[u8]) -> Result<(), EscrowError> {
    let [owner, campaign_account, task_account, owner_agent, rent_payer, ..] = accounts else {
        return Err(EscrowError::NotEnoughAccounts);
    };
    const _: () = assert!(core::mem::size_of::<Args>() == 32);
    let reason_hash = hash_arg(data)?;

    checks::signer(owner)?;
    let s = Settlement { program_id, campaign_account, task_account, rent_payer };
    let (campaign, task) = load_task(&s)?;
    if !key::eq(owner.key(), &campaign.owner) {
        return Err(EscrowError::Unauthorized);
    }
    if !task.is(TaskStatus::Delivered) {
        return Err(EscrowError::InvalidStatus);
    }
    if unix_timestamp() >= task.review_by {
        return Err(EscrowError::DeadlinePassed);
    }
    let to_owner = refund(&s, campaign, task, owner_agent)?;
    TaskRejected {
        campaign: key::read(campaign_account.key()),
        task: key::read(task_account.key()),
        agent: key::read(&task.agent),
        reason_hash,
        refunded: task.locked(),
        pool: campaign.pool,
        active_claims: campaign.active_claims,
        to_owner: to_owner as u8,
        reserved: [0; 3],
    }
    .emit();
    task_account.close_to(rent_payer);
    Ok(())
}
