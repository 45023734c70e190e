//! What one agent has claimed from one campaign: the per-agent and daily limits' memory.

use super::AccountState;
use crate::generated::account;
use crate::runtime::Pubkey;

pub const QUOTA_SEED: &[u8] = b"quota";

/// PDA `["quota", campaign, agent wallet]`, created by the agent's first claim with the
/// canonical bump only, so each agent has exactly one per campaign. Outlives the tasks; closes
/// with `close_quota` once the campaign is closed.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct CampaignQuota {
    pub campaign: Pubkey,
    /// Wallet of the agent
    pub agent: Pubkey,
    /// Paid the account's rent; receives it back when the quota closes
    pub rent_payer: Pubkey,
    /// Claims ever made, whatever became of them (rejected and expired ones count)
    pub total_claims: u32,
    /// UTC day (unix time / 86 400) that `claims_today` counts
    pub day: u32,
    /// Claims made on `day`
    pub claims_today: u32,
    pub bump: u8,
    pub reserved: [u8; 3],
}

crate::assert_no_padding!(CampaignQuota, [Pubkey; 3], [u32; 3], u8, [u8; 3]);

unsafe impl AccountState for CampaignQuota {
    const DISCRIMINATOR: [u8; 8] = account::CAMPAIGN_QUOTA;
}
