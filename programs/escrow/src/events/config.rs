//! Events of the platform configuration.

use super::Event;
use crate::generated::event;
use crate::Bool;
use crate::runtime::Pubkey;
use crate::state::config::ConfigParams;

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

/// The admin changed authorities, limits or the pause switch. Carries the full new state.
#[repr(C)]
pub struct ConfigUpdated {
    pub admin: Pubkey,
    pub operator: Pubkey,
    pub arbiter: Pubkey,
    pub treasury: Pubkey,
    pub params: ConfigParams,
    pub paused: Bool,
    pub reserved: [u8; 7],
}
crate::assert_no_padding!(ConfigUpdated, [Pubkey; 4], ConfigParams, u8, [u8; 7]);
unsafe impl Event for ConfigUpdated {
    const DISCRIMINATOR: [u8; 8] = event::CONFIG_UPDATED;
}

/// Accrued fees moved from the vault to the treasury.
#[repr(C)]
pub struct FeesCollected {
    pub treasury: Pubkey,
    pub amount: u64,
}
crate::assert_no_padding!(FeesCollected, Pubkey, u64);
unsafe impl Event for FeesCollected {
    const DISCRIMINATOR: [u8; 8] = event::FEES_COLLECTED;
}

/// The admin proposed a successor (zero: withdrew its proposal).
#[repr(C)]
pub struct AdminProposed {
    pub admin: Pubkey,
    pub pending_admin: Pubkey,
}
crate::assert_no_padding!(AdminProposed, Pubkey, Pubkey);
unsafe impl Event for AdminProposed {
    const DISCRIMINATOR: [u8; 8] = event::ADMIN_PROPOSED;
}

/// The proposed admin accepted and is now the admin.
#[repr(C)]
pub struct AdminChanged {
    pub previous: Pubkey,
    pub admin: Pubkey,
}
crate::assert_no_padding!(AdminChanged, Pubkey, Pubkey);
unsafe impl Event for AdminChanged {
    const DISCRIMINATOR: [u8; 8] = event::ADMIN_CHANGED;
}
