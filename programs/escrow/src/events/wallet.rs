//! Events of money leaving an agent's ledger for the outside world, and of where it may go.

use super::Event;
use crate::generated::event;
use crate::runtime::Pubkey;

/// The agent's withdrawal address was set or changed. Emitted only when it changes, so a
/// consumer can alert on every one (a change the agent did not make means a stolen key).
#[repr(C)]
pub struct WithdrawalAddressSet {
    pub wallet: Pubkey,
    pub address: Pubkey,
    /// The address it replaced; zero on the first set
    pub previous: Pubkey,
    /// Withdrawals are refused before this unix time; zero or past when there is no cooldown
    pub cooldown_until: i64,
}
crate::assert_no_padding!(WithdrawalAddressSet, [Pubkey; 3], i64);
unsafe impl Event for WithdrawalAddressSet {
    const DISCRIMINATOR: [u8; 8] = event::WITHDRAWAL_ADDRESS_SET;
}

/// The agent pinned its emergency address before its first deposit.
#[repr(C)]
pub struct EmergencyAddressPinned {
    pub wallet: Pubkey,
    /// Where panic pays from now on
    pub address: Pubkey,
}
crate::assert_no_padding!(EmergencyAddressPinned, Pubkey, Pubkey);
unsafe impl Event for EmergencyAddressPinned {
    const DISCRIMINATOR: [u8; 8] = event::EMERGENCY_ADDRESS_PINNED;
}

/// USDC left the vault for the agent's withdrawal address.
#[repr(C)]
pub struct Withdrawn {
    pub wallet: Pubkey,
    /// The agent's withdrawal address, owner of `destination`
    pub address: Pubkey,
    /// Token account that received `amount - fee`
    pub destination: Pubkey,
    /// Debited from the ledger
    pub amount: u64,
    /// Flat network fee kept by the platform
    pub fee: u64,
    /// Ledger balance after the withdrawal
    pub available: u64,
}
crate::assert_no_padding!(Withdrawn, [Pubkey; 3], [u64; 3]);
unsafe impl Event for Withdrawn {
    const DISCRIMINATOR: [u8; 8] = event::WITHDRAWN;
}

/// The agent's whole balance went to its emergency address.
#[repr(C)]
pub struct Panicked {
    pub wallet: Pubkey,
    pub emergency_address: Pubkey,
    /// Token account that received the funds
    pub destination: Pubkey,
    pub amount: u64,
}
crate::assert_no_padding!(Panicked, [Pubkey; 3], u64);
unsafe impl Event for Panicked {
    const DISCRIMINATOR: [u8; 8] = event::PANICKED;
}
