//! An agent's ledger: its spendable USDC inside the vault, and where that USDC may leave to.

use super::AccountState;
use super::fast_load::FastLoad;
use crate::error::EscrowError;
use crate::generated::account;
use crate::runtime::{AccountInfo, Pubkey, keys_eq};

pub const AGENT_SEED: &[u8] = b"agent";

/// PDA `["agent", wallet]`, one per custodial wallet.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct Agent {
    /// The custodial wallet that signs for this agent
    pub wallet: Pubkey,
    /// The only place panic can send funds. Set once: pinned by the wallet before its first
    /// deposit, or else the source owner of the first single deposit of at least the activation fee
    pub emergency_address: Pubkey,
    /// Owner of the token account that withdrawals pay to; zero until set
    pub withdrawal_address: Pubkey,
    /// Spendable balance held for this agent in the vault
    pub available: u64,
    /// All USDC ever deposited, used to decide activation
    pub total_deposited: u64,
    /// All USDC ever paid out by withdraw or panic, fees excluded
    pub total_withdrawn: u64,
    /// Withdrawals are refused before this unix time
    pub cooldown_until: i64,
    /// Nonzero once the activation fee has been paid; survives a panic
    pub activated: u8,
    pub bump: u8,
    pub reserved: [u8; 6],
}

crate::assert_no_padding!(Agent, [Pubkey; 3], [u64; 3], i64, u8, u8, [u8; 6]);

unsafe impl AccountState for Agent {
    const DISCRIMINATOR: [u8; 8] = account::AGENT;
}

impl Agent {
    /// `account` is the registered ledger of `wallet`. A job's provider must have one before
    /// any money is locked for it: `release` and `resolve_dispute` credit that ledger, and
    /// without it they could never complete. Ledgers are never closed, so once checked here
    /// it is there at settlement.
    #[inline(always)]
    pub fn require_registered(account: &AccountInfo, wallet: &Pubkey, program_id: &Pubkey) -> Result<(), EscrowError> {
        let agent = Self::view(account, program_id).map_err(|_| EscrowError::ProviderNotRegistered)?;
        if keys_eq(&agent.wallet, wallet) { Ok(()) } else { Err(EscrowError::PartyMismatch) }
    }

    #[inline(always)]
    pub fn debit(&mut self, amount: u64) -> Result<(), EscrowError> {
        self.available = self
            .available
            .checked_sub(amount)
            .ok_or(EscrowError::InsufficientFunds)?;
        Ok(())
    }

    #[inline(always)]
    pub fn credit(&mut self, amount: u64) -> Result<(), EscrowError> {
        self.available = self
            .available
            .checked_add(amount)
            .ok_or(EscrowError::Overflow)?;
        Ok(())
    }
}
