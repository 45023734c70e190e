//! Closes an agent's quota once its campaign account is closed, returning the rent to its
//! payer. Anyone may crank it. While the campaign exists the quota must stay: it is the
//! memory of the per-agent limits.

use crate::checks;
use crate::error::EscrowError;
use crate::events::{Event, QuotaClosed};
use crate::runtime::{AccountInfo, Pubkey, key};
use crate::state::CampaignQuota;
use crate::state::fast_load::FastLoad;

/// Accounts:
/// 0. `[writable]` quota
/// 1. `[]` campaign — the quota's campaign, already closed
/// 2. `[writable]` rent_payer — the quota's rent payer
pub fn process(program_id: &Pubkey, accounts: &[AccountInfo], data: &[u8]) -> Result<(), EscrowError> {
    let [quota_account, campaign_account, rent_payer, ..] = accounts else {
        return Err(EscrowError::NotEnoughAccounts);
    };
    if !data.is_empty() {
        return Err(EscrowError::InvalidInstruction);
    }
    checks::writable(rent_payer)?;
    let quota = CampaignQuota::view_writable(quota_account, program_id)?;
    if !key::eq(&quota.campaign, campaign_account.key()) {
        return Err(EscrowError::PartyMismatch);
    }
    // A closed account is handed back to the system program with no data.
    if campaign_account.owner() == program_id || campaign_account.data_len() != 0 {
        return Err(EscrowError::InvalidStatus);
    }
    if !key::eq(rent_payer.key(), &quota.rent_payer) {
        return Err(EscrowError::RentPayerMismatch);
    }
    QuotaClosed { quota: key::read(quota_account.key()), campaign: key::read(&quota.campaign), agent: quota.agent }
        .emit();
    quota_account.close_to(rent_payer);
    Ok(())
}
