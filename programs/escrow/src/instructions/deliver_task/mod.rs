//! The agent delivers before its claim expires. A campaign that auto-accepts pays at once;
//! otherwise the owner has `review_timeout` seconds to accept or reject, after which anyone
//! may accept. Deliveries on a cancelled campaign are refused: cancelling voids every
//! undelivered claim.

use crate::checks;
use crate::error::EscrowError;
use crate::events::{Event, TaskAcceptance, TaskDelivered};
use crate::instructions::campaign_common::{Settlement, hash_arg, load_task, pay};
use crate::runtime::{AccountInfo, Pubkey, key, unix_timestamp};
use crate::state::{CampaignStatus, TaskStatus};

/// Accounts:
/// 0. `[signer]` wallet — the claimant's wallet
/// 1. `[writable]` campaign
/// 2. `[writable]` task
/// 3. `[writable]` agent — PDA `["agent", wallet]`; the claimant's ledger; credited if the campaign auto-accepts
/// 4. `[writable]` config — PDA `["config"]`; accrues the fee if the campaign auto-accepts
/// 5. `[writable]` rent_payer — the task's rent payer; refunded if the campaign auto-accepts
#[repr(C, packed)]
#[derive(Clone, Copy)]
pub struct Args {
    /// Hash of the deliverable the API stores
    pub output_hash: [u8; 32],
}

pub fn process(program_id: &Pubkey, accounts: &[AccountInfo], data: &[u8]) -> Result<(), EscrowError> {
    let [wallet, campaign_account, task_account, agent_account, config_account, rent_payer, ..] = accounts else {
        return Err(EscrowError::NotEnoughAccounts);
    };
    const _: () = assert!(core::mem::size_of::<Args>() == 32);
    let output_hash = hash_arg(data)?;

    checks::signer(wallet)?;
    let s = Settlement { program_id, campaign_account, task_account, rent_payer };
    let (campaign, task) = load_task(&s)?;
    if !key::eq(&task.agent, wallet.key()) {
        return Err(EscrowError::Unauthorized);
    }
    if !task.is(TaskStatus::Claimed) {
        return Err(EscrowError::InvalidStatus);
    }
    if campaign.is(CampaignStatus::Cancelled) {
        return Err(EscrowError::CampaignNotActive);
    }
    let now = unix_timestamp();
    if now >= task.expires_at {
        return Err(EscrowError::TaskExpired);
    }

    if campaign.auto_accept != 0 {
        TaskDelivered {
            campaign: key::read(campaign_account.key()),
            task: key::read(task_account.key()),
            output_hash,
            review_by: 0,
        }
        .emit();
        return pay(&s, campaign, task, agent_account, config_account, TaskAcceptance::AutoAccept);
    }
    let review_by = now + campaign.review_timeout as i64;
    task.status = TaskStatus::Delivered as u8;
    task.review_by = review_by;
    TaskDelivered {
        campaign: key::read(campaign_account.key()),
        task: key::read(task_account.key()),
        output_hash,
        review_by,
    }
    .emit();
    Ok(())
}
