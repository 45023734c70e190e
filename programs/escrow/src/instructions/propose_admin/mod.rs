//! The admin names its successor; nothing changes until that key signs `accept_admin`, so a
//! mistyped or unheld key can never become admin. Proposing again replaces the proposal, and
//! proposing the zero key withdraws it.

use crate::checks;
use crate::error::EscrowError;
use crate::events::{AdminProposed, Event};
use crate::instructions::parse_args;
use crate::runtime::{AccountInfo, Pubkey};
use crate::state::{AccountState, Config};

/// Accounts:
/// 0. `[signer]` admin — the current admin
/// 1. `[writable]` config — PDA `["config"]`
#[repr(C, packed)]
#[derive(Clone, Copy)]
pub struct Args {
    /// The proposed admin; zero withdraws a pending proposal
    pub new_admin: Pubkey,
}

pub fn process(program_id: &Pubkey, accounts: &[AccountInfo], data: &[u8]) -> Result<(), EscrowError> {
    let [admin, config_account, ..] = accounts else {
        return Err(EscrowError::NotEnoughAccounts);
    };
    let args: Args = parse_args(data)?;

    checks::signer(admin)?;
    let config = Config::load_writable(config_account, program_id)?;
    checks::authority(admin, &config.admin)?;

    config.pending_admin = args.new_admin;
    AdminProposed { admin: config.admin, pending_admin: config.pending_admin }.emit();
    Ok(())
}
