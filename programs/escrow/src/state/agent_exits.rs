//! Where an agent's money may leave the vault to, and when: its withdrawal address (behind a
//! cooldown after each change) and its emergency address (always, for panic).
//! Kept beside `agent.rs` rather than in it so ledger rules for jobs and campaigns can grow
//! independently.

use super::Agent;
use crate::error::EscrowError;
use crate::runtime::{Pubkey, is_zero_key, keys_eq};

impl Agent {
    /// The signer is this ledger's wallet.
    #[inline(always)]
    pub fn require_wallet(&self, wallet: &Pubkey) -> Result<(), EscrowError> {
        if keys_eq(&self.wallet, wallet) { Ok(()) } else { Err(EscrowError::PartyMismatch) }
    }

    /// Records a new withdrawal address. The first one takes effect at once; a change locks
    /// withdrawals until `now + cooldown` so a stolen key cannot redirect funds unnoticed.
    /// Returns whether anything changed.
    #[inline(always)]
    pub fn set_withdrawal_address(&mut self, address: &Pubkey, now: i64, cooldown: i64) -> Result<bool, EscrowError> {
        if keys_eq(&self.withdrawal_address, address) {
            return Ok(false);
        }
        if !is_zero_key(&self.withdrawal_address) {
            self.cooldown_until = now.checked_add(cooldown).ok_or(EscrowError::Overflow)?;
        }
        self.withdrawal_address = *address;
        Ok(true)
    }

    /// Records the emergency address, once. `config` is the config PDA and `vault` the
    /// vault: neither can receive a panic payout (funds "sent" to the vault or its owner
    /// would turn into unallocated surplus), and nobody can receive at the zero key.
    #[inline(always)]
    pub fn set_emergency_address(&mut self, address: &Pubkey, config: &Pubkey, vault: &Pubkey) -> Result<(), EscrowError> {
        if is_zero_key(address) || keys_eq(address, config) || keys_eq(address, vault) {
            return Err(EscrowError::InvalidEmergencyAddress);
        }
        self.emergency_address = *address;
        Ok(())
    }

    /// Debits a payout to an external account and counts it as withdrawn.
    #[inline(always)]
    pub fn pay_out(&mut self, debit: u64, paid: u64) -> Result<(), EscrowError> {
        self.debit(debit)?;
        self.total_withdrawn = self.total_withdrawn.checked_add(paid).ok_or(EscrowError::Overflow)?;
        Ok(())
    }
}
