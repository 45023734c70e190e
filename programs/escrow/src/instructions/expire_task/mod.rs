//! Ends an undelivered claim: anyone may crank it once `expires_at` has passed, or at once
//! if the campaign is cancelled. `reward + fee` return to the pool (to the owner's ledger if
//! the campaign is cancelled). The claim still counts toward the agent's limits.

use crate::error::EscrowError;
use crate::events::{Event, TaskExpired};
use crate::instructions::campaign_common::{Settlement, load_task, refund};
use crate::runtime::{AccountInfo, Pubkey, key, unix_timestamp};
use crate::state::{CampaignStatus, TaskStatus};

/// Accounts:
/// 0. `[writable]` campaign
/// 1. `[writable]` task
/// 2. `[writable]` owner_agent — PDA `["agent", campaign.owner]`; the owner's ledger; refunded instead of the pool if the campaign is cancelled
/// 3. `[writable]` rent_payer — the task's rent payer
pub fn process(program_id: &Pubkey, accounts: &[AccountInfo], data: &[u8]) -> Result<(), EscrowError> {
    let [campaign_account, task_account, owner_agent, rent_payer, ..] = accounts else {
        return Err(EscrowError::NotEnoughAccounts);
    };
    if !data.is_empty() {
        return Err(EscrowError::InvalidInstruction);
    }

    let s = Settlement { program_id, campaign_account, task_account, rent_payer };
    let (campaign, task) = load_task(&s)?;
    if !task.is(TaskStatus::Claimed) {
        return Err(EscrowError::InvalidStatus);
    }
    // A claim is live strictly before `expires_at`: at that second delivery is refused and
    // expiry allowed, so exactly one of the two can happen.
    if !campaign.is(CampaignStatus::Cancelled) && unix_timestamp() < task.expires_at {
        return Err(EscrowError::DeadlineNotReached);
    }
    let to_owner = refund(&s, campaign, task, owner_agent)?;
    TaskExpired {
        campaign: key::read(campaign_account.key()),
        task: key::read(task_account.key()),
        agent: key::read(&task.agent),
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
