//! Shared by the campaign instructions: the two ways a task settles (both close the task
//! and return its rent to the recorded payer), and word-wise versions of the generic
//! account checks for the hot paths.

use crate::checks;
use crate::error::EscrowError;
use crate::events::{CampaignCompleted, Event, TaskAcceptance, TaskPaid};
use crate::runtime::{AccountInfo, Pubkey, key};
use crate::state::fast_load::FastLoad;
use crate::state::{Agent, Campaign, CampaignStatus, Config, Task};

/// The accounts every settlement touches.
pub struct Settlement<'a> {
    pub program_id: &'a Pubkey,
    pub campaign_account: &'a AccountInfo,
    pub task_account: &'a AccountInfo,
    /// Receives the task's rent back
    pub rent_payer: &'a AccountInfo,
}

#[inline(always)]
fn check_rent_payer(rent_payer: &AccountInfo, expected: &Pubkey) -> Result<(), EscrowError> {
    checks::writable(rent_payer)?;
    if key::eq(rent_payer.key(), expected) { Ok(()) } else { Err(EscrowError::RentPayerMismatch) }
}

/// Acceptance: the reward to the agent's ledger, the fee to the platform.
#[inline(always)]
pub fn pay(
    s: &Settlement,
    campaign: &mut Campaign,
    task: &Task,
    agent_account: &AccountInfo,
    config_account: &AccountInfo,
    acceptance: TaskAcceptance,
) -> Result<(), EscrowError> {
    let agent = Agent::view_writable(agent_account, s.program_id)?;
    if !key::eq(&agent.wallet, &task.agent) {
        return Err(EscrowError::PartyMismatch);
    }
    let config = Config::view_writable(config_account, s.program_id)?;
    check_rent_payer(s.rent_payer, &task.rent_payer)?;

    agent.credit(task.amount)?;
    config.fees_accrued = config.fees_accrued.checked_add(task.fee).ok_or(EscrowError::Overflow)?;
    campaign.release_claim()?;
    let completed = campaign.complete_if_exhausted();

    TaskPaid {
        campaign: key::read(s.campaign_account.key()),
        task: key::read(s.task_account.key()),
        agent: key::read(&task.agent),
        amount: task.amount,
        fee: task.fee,
        active_claims: campaign.active_claims,
        acceptance: acceptance as u8,
        reserved: [0; 3],
    }
    .emit();
    if completed {
        CampaignCompleted { campaign: key::read(s.campaign_account.key()), pool: campaign.pool }.emit();
    }
    s.task_account.close_to(s.rent_payer);
    Ok(())
}

/// Rejection or expiry: `amount + fee` back to the pool, or to the owner's ledger once the
/// campaign is cancelled (a cancelled campaign's pool stays empty). Returns whether the
/// owner was refunded. A refund leaves at least one task's cost in the pool, so it never
/// completes the campaign.
#[inline(always)]
pub fn refund(
    s: &Settlement,
    campaign: &mut Campaign,
    task: &Task,
    owner_agent_account: &AccountInfo,
) -> Result<bool, EscrowError> {
    check_rent_payer(s.rent_payer, &task.rent_payer)?;
    let to_owner = campaign.is(CampaignStatus::Cancelled);
    if to_owner {
        let owner = Agent::view_writable(owner_agent_account, s.program_id)?;
        if !key::eq(&owner.wallet, &campaign.owner) {
            return Err(EscrowError::PartyMismatch);
        }
        owner.credit(task.locked())?;
    } else {
        campaign.add_to_pool(task.locked())?;
    }
    campaign.release_claim()?;
    Ok(to_owner)
}

/// `checks::system_program`, word-wise.
#[inline(always)]
pub fn system_program(account: &AccountInfo) -> Result<(), EscrowError> {
    if key::is_zero(account.key()) { Ok(()) } else { Err(EscrowError::InvalidProgramId) }
}

/// `checks::uninitialized`, word-wise: a fresh PDA must be empty, unowned and writable.
#[inline(always)]
pub fn uninitialized(account: &AccountInfo) -> Result<(), EscrowError> {
    if !key::is_zero(account.owner()) || account.data_len() != 0 {
        return Err(EscrowError::AlreadyInitialized);
    }
    checks::writable(account)
}

/// Reads a single 32-byte hash argument as words: instruction data follows the accounts at
/// an 8-aligned offset, and the hash follows the 8-byte discriminator. (`parse_args` would
/// copy it a byte at a time, twice.)
#[inline(always)]
pub fn hash_arg(data: &[u8]) -> Result<[u8; 32], EscrowError> {
    if data.len() != 32 {
        return Err(EscrowError::InvalidInstruction);
    }
    Ok(key::read(unsafe { &*(data.as_ptr() as *const [u8; 32]) }))
}

/// Loads a campaign and one of its tasks, both to be written.
#[inline(always)]
pub fn load_task<'a>(s: &Settlement<'a>) -> Result<(&'a mut Campaign, &'a mut Task), EscrowError> {
    let campaign = Campaign::view_writable(s.campaign_account, s.program_id)?;
    let task = Task::view_writable(s.task_account, s.program_id)?;
    if !key::eq(&task.campaign, s.campaign_account.key()) {
        return Err(EscrowError::PartyMismatch);
    }
    Ok((campaign, task))
}
