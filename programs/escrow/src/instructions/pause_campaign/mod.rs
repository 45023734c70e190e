//! The owner stops new claims. Tasks in progress continue: they can still be delivered,
//! accepted, rejected and expired.

use crate::checks;
use crate::error::EscrowError;
use crate::events::{CampaignPaused, Event};
use crate::runtime::{AccountInfo, Pubkey, key};
use crate::state::fast_load::FastLoad;
use crate::state::{Campaign, CampaignStatus};

/// Accounts:
/// 0. `[signer]` owner — the campaign owner's wallet
/// 1. `[writable]` campaign
pub fn process(program_id: &Pubkey, accounts: &[AccountInfo], data: &[u8]) -> Result<(), EscrowError> {
    let [owner, campaign_account, ..] = accounts else {
        return Err(EscrowError::NotEnoughAccounts);
    };
    if !data.is_empty() {
        return Err(EscrowError::InvalidInstruction);
    }
    checks::signer(owner)?;
    let campaign = Campaign::view_writable(campaign_account, program_id)?;
    if !key::eq(owner.key(), &campaign.owner) {
        return Err(EscrowError::Unauthorized);
    }
    if !campaign.is(CampaignStatus::Active) {
        return Err(EscrowError::InvalidStatus);
    }
    campaign.status = CampaignStatus::Paused as u8;
    CampaignPaused { campaign: key::read(campaign_account.key()) }.emit();
    Ok(())
}
