//! Closes a cancelled campaign once its last task has settled, returning the rent to its
//! payer. Anyone may crank it. Its pool is empty: a cancelled campaign's refunds go to the
//! owner's ledger.

use crate::checks;
use crate::error::EscrowError;
use crate::events::{CampaignClosed, Event};
use crate::runtime::{AccountInfo, Pubkey, key};
use crate::state::fast_load::FastLoad;
use crate::state::{Campaign, CampaignStatus};

/// Accounts:
/// 0. `[writable]` campaign — a cancelled campaign with no task in progress
/// 1. `[writable]` rent_payer — the campaign's rent payer
pub fn process(program_id: &Pubkey, accounts: &[AccountInfo], data: &[u8]) -> Result<(), EscrowError> {
    let [campaign_account, rent_payer, ..] = accounts else {
        return Err(EscrowError::NotEnoughAccounts);
    };
    if !data.is_empty() {
        return Err(EscrowError::InvalidInstruction);
    }
    checks::writable(rent_payer)?;
    let campaign = Campaign::view_writable(campaign_account, program_id)?;
    if !campaign.is(CampaignStatus::Cancelled) {
        return Err(EscrowError::InvalidStatus);
    }
    if campaign.active_claims != 0 {
        return Err(EscrowError::CampaignHasActiveTasks);
    }
    if !key::eq(rent_payer.key(), &campaign.rent_payer) {
        return Err(EscrowError::RentPayerMismatch);
    }
    CampaignClosed { campaign: key::read(campaign_account.key()) }.emit();
    campaign_account.close_to(rent_payer);
    Ok(())
}
