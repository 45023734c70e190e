//! The proposed admin takes over, proving with its signature that the key is held. The
//! proposal is consumed.

use crate::checks;
use crate::error::EscrowError;
use crate::events::{AdminChanged, Event};
use crate::runtime::{AccountInfo, Pubkey};
use crate::state::{AccountState, Config};

/// Accounts:
/// 0. `[signer]` new_admin — the key the admin proposed
/// 1. `[writable]` config — PDA `["config"]`
pub fn process(program_id: &Pubkey, accounts: &[AccountInfo], data: &[u8]) -> Result<(), EscrowError> {
    let [new_admin, config_account, ..] = accounts else {
        return Err(EscrowError::NotEnoughAccounts);
    };
    if !data.is_empty() {
        return Err(EscrowError::InvalidInstruction);
    }

    // Nobody signs as the zero key, so without a proposal this always fails.
    checks::signer(new_admin)?;
    let config = Config::load_writable(config_account, program_id)?;
    checks::authority(new_admin, &config.pending_admin)?;

    let previous = config.admin;
    config.admin = config.pending_admin;
    config.pending_admin = [0; 32];
    AdminChanged { previous, admin: config.admin }.emit();
    Ok(())
}
