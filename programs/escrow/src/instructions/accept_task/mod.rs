//! Accepts a delivered task: the reward goes to the agent's ledger and the fee to the
//! platform. The owner may accept at any time; once `review_by` has passed anyone may, so
//! finished work is paid even if the owner never reviews (also on a cancelled campaign).

use crate::checks;
use crate::error::EscrowError;
use crate::events::TaskAcceptance;
use crate::instructions::campaign_common::{Settlement, load_task, pay};
use crate::runtime::{AccountInfo, Pubkey, key, unix_timestamp};
use crate::state::TaskStatus;

/// Accounts:
/// 0. `[signer]` authority — the campaign owner, or anyone once `review_by` has passed
/// 1. `[writable]` campaign
/// 2. `[writable]` task
/// 3. `[writable]` agent — PDA `["agent", task.agent]`; the claimant's ledger
/// 4. `[writable]` config — PDA `["config"]`
/// 5. `[writable]` rent_payer — the task's rent payer
pub fn process(program_id: &Pubkey, accounts: &[AccountInfo], data: &[u8]) -> Result<(), EscrowError> {
    let [authority, campaign_account, task_account, agent_account, config_account, rent_payer, ..] = accounts else {
        return Err(EscrowError::NotEnoughAccounts);
    };
    if !data.is_empty() {
        return Err(EscrowError::InvalidInstruction);
    }

    checks::signer(authority)?;
    let s = Settlement { program_id, campaign_account, task_account, rent_payer };
    let (campaign, task) = load_task(&s)?;
    if !task.is(TaskStatus::Delivered) {
        return Err(EscrowError::InvalidStatus);
    }
    let acceptance = if key::eq(authority.key(), &campaign.owner) {
        TaskAcceptance::Owner
    } else if unix_timestamp() >= task.review_by {
        TaskAcceptance::ReviewTimeout
    } else {
        return Err(EscrowError::DeadlineNotReached);
    };
    pay(&s, campaign, task, agent_account, config_account, acceptance)
}
