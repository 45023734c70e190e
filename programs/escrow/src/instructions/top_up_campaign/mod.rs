//! The owner adds to the pool from their ledger. A completed campaign that can pay a task
//! again becomes active.

use crate::checks;
use crate::error::EscrowError;
use crate::events::{CampaignToppedUp, Event};
use crate::instructions::parse_args;
use crate::runtime::{AccountInfo, Pubkey, key, unix_timestamp};
use crate::state::fast_load::FastLoad;
use crate::state::{Agent, Campaign, CampaignStatus, Config};

/// Accounts:
/// 0. `[signer]` owner — the campaign owner's wallet
/// 1. `[writable]` owner_agent — PDA `["agent", owner]`; the owner's ledger, debited the amount
/// 2. `[]` config — PDA `["config"]`
/// 3. `[writable]` campaign
#[repr(C, packed)]
#[derive(Clone, Copy)]
pub struct Args {
    pub amount: u64,
}

pub fn process(program_id: &Pubkey, accounts: &[AccountInfo], data: &[u8]) -> Result<(), EscrowError> {
    let [owner, owner_agent, config_account, campaign_account, ..] = accounts else {
        return Err(EscrowError::NotEnoughAccounts);
    };
    let args: Args = parse_args(data)?;
    let amount = args.amount;

    checks::signer(owner)?;
    let config = Config::view(config_account, program_id)?;
    let campaign = Campaign::view_writable(campaign_account, program_id)?;
    if !key::eq(owner.key(), &campaign.owner) {
        return Err(EscrowError::Unauthorized);
    }
    let agent = Agent::view_writable(owner_agent, program_id)?;
    if !key::eq(&agent.wallet, owner.key()) {
        return Err(EscrowError::PartyMismatch);
    }
    if config.paused != 0 {
        return Err(EscrowError::ProgramPaused);
    }
    if campaign.is(CampaignStatus::Cancelled) {
        return Err(EscrowError::InvalidStatus);
    }
    if amount == 0 {
        return Err(EscrowError::InvalidAmount);
    }
    if unix_timestamp() >= campaign.ends_at {
        return Err(EscrowError::CampaignEnded);
    }

    agent.debit(amount)?;
    campaign.add_to_pool(amount)?;
    if campaign.is(CampaignStatus::Completed) && campaign.pool >= campaign.task_cost() {
        campaign.status = CampaignStatus::Active as u8;
    }
    CampaignToppedUp {
        campaign: key::read(campaign_account.key()),
        amount,
        pool: campaign.pool,
        status: campaign.status,
        reserved: [0; 7],
    }
    .emit();
    Ok(())
}
