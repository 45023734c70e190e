//! Events of agent ledgers: registration and the movements at the vault's edges.

use super::Event;
use crate::generated::event;
use crate::runtime::Pubkey;

/// An agent ledger was created for a custodial wallet.
#[repr(C)]
pub struct AgentRegistered {
    pub wallet: Pubkey,
    pub agent: Pubkey,
}
crate::assert_no_padding!(AgentRegistered, Pubkey, Pubkey);
unsafe impl Event for AgentRegistered {
    const DISCRIMINATOR: [u8; 8] = event::AGENT_REGISTERED;
}

/// USDC moved from the agent's token account into the vault and was credited.
#[repr(C)]
pub struct Deposited {
    pub wallet: Pubkey,
    /// Owner of the source token account, as vouched for by the operator
    pub source_owner: Pubkey,
    pub emergency_address: Pubkey,
    pub amount: u64,
    /// Activation fee taken from this deposit; zero unless it activated the agent
    pub activation_fee: u64,
    /// Ledger balance after the deposit
    pub available: u64,
}
crate::assert_no_padding!(Deposited, [Pubkey; 3], [u64; 3]);
unsafe impl Event for Deposited {
    const DISCRIMINATOR: [u8; 8] = event::DEPOSITED;
}
