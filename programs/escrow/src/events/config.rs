//! Events of the platform configuration.

use super::Event;
use crate::generated::event;
use crate::runtime::Pubkey;

/// The platform config was created.
#[repr(C)]
pub struct ConfigInitialized {
    pub admin: Pubkey,
    pub operator: Pubkey,
    pub arbiter: Pubkey,
    pub usdc_mint: Pubkey,
    pub vault: Pubkey,
    pub treasury: Pubkey,
    pub fee_bps: u16,
}
crate::assert_no_padding!(ConfigInitialized, [Pubkey; 6], u16);
unsafe impl Event for ConfigInitialized {
    const DISCRIMINATOR: [u8; 8] = event::CONFIG_INITIALIZED;
}
