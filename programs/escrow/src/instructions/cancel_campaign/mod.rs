//! Cancels a campaign and returns its pool to the owner's ledger. The owner may cancel at
//! any time; once the campaign has ended anyone may, which is how an ended campaign's
//! remainder goes home. Undelivered tasks are void from here on: `expire_task` ends them
//! at once and refunds the owner. Delivered tasks still settle (accept, reject, or accept
//! after the review window), so no finished work goes unpaid. The account closes now if no
//! task is in progress, else with `close_campaign` after the last one settles.

use crate::checks;
use crate::error::EscrowError;
use crate::events::{CampaignCancelled, CampaignClosed, Event};
use crate::runtime::{AccountInfo, Pubkey, key, unix_timestamp};
use crate::state::fast_load::FastLoad;
use crate::state::{Agent, Campaign, CampaignStatus};

/// Accounts:
/// 0. `[signer]` authority — the campaign owner, or anyone once the campaign has ended
/// 1. `[writable]` campaign
/// 2. `[writable]` owner_agent — PDA `["agent", campaign.owner]`; the owner's ledger, credited the pool
/// 3. `[writable]` rent_payer — the campaign's rent payer; refunded if the account closes now
pub fn process(program_id: &Pubkey, accounts: &[AccountInfo], data: &[u8]) -> Result<(), EscrowError> {
    let [authority, campaign_account, owner_agent, rent_payer, ..] = accounts else {
        return Err(EscrowError::NotEnoughAccounts);
    };
    if !data.is_empty() {
        return Err(EscrowError::InvalidInstruction);
    }

    checks::signer(authority)?;
    let campaign = Campaign::view_writable(campaign_account, program_id)?;
    let owner = Agent::view_writable(owner_agent, program_id)?;
    if !key::eq(&owner.wallet, &campaign.owner) {
        return Err(EscrowError::PartyMismatch);
    }
    if campaign.is(CampaignStatus::Cancelled) {
        return Err(EscrowError::InvalidStatus);
    }
    if !key::eq(authority.key(), &campaign.owner) && unix_timestamp() < campaign.ends_at {
        return Err(EscrowError::DeadlineNotReached);
    }

    let refunded = campaign.pool;
    owner.credit(refunded)?;
    campaign.pool = 0;
    campaign.status = CampaignStatus::Cancelled as u8;
    let closed = campaign.active_claims == 0;
    CampaignCancelled {
        campaign: key::read(campaign_account.key()),
        owner: key::read(&campaign.owner),
        refunded,
        active_claims: campaign.active_claims,
        closed: closed as u8,
        reserved: [0; 3],
    }
    .emit();
    if closed {
        checks::writable(rent_payer)?;
        if !key::eq(rent_payer.key(), &campaign.rent_payer) {
            return Err(EscrowError::RentPayerMismatch);
        }
        CampaignClosed { campaign: key::read(campaign_account.key()) }.emit();
        campaign_account.close_to(rent_payer);
    }
    Ok(())
}
