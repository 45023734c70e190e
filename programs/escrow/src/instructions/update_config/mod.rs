//! Changes the operator, the arbiter, the limits, the treasury and the pause switch. Admin
//! only, and every limit stays inside the bounds of `ConfigParams::validate`, so even a
//! compromised admin cannot make fees confiscatory or block withdrawals. The mint and vault
//! never change, and the admin itself changes only in two steps (`propose_admin`, then
//! `accept_admin` signed by the new admin), so a typo cannot hand the platform to a key
//! nobody holds.

use crate::Bool;
use crate::checks;
use crate::error::EscrowError;
use crate::events::{ConfigUpdated, Event};
use crate::instructions::parse_args;
use crate::runtime::{AccountInfo, Pubkey, is_zero_key};
use crate::state::config::ConfigParams;
use crate::state::{AccountState, Config};

/// Accounts:
/// 0. `[signer]` admin — the current admin
/// 1. `[writable]` config — PDA `["config"]`
/// 2. `[]` treasury — USDC token account to receive fees from now on (may be the current one; not the vault)
#[repr(C, packed)]
#[derive(Clone, Copy)]
pub struct Args {
    pub operator: Pubkey,
    pub arbiter: Pubkey,
    pub params: ConfigParams,
    /// Stops new jobs, claims and deposits; withdrawals, panic and settlements continue
    pub paused: Bool,
}

pub fn process(program_id: &Pubkey, accounts: &[AccountInfo], data: &[u8]) -> Result<(), EscrowError> {
    let [admin, config_account, treasury, ..] = accounts else {
        return Err(EscrowError::NotEnoughAccounts);
    };
    let args: Args = parse_args(data)?;

    // Signers, then types, then relations.
    checks::signer(admin)?;
    let config = Config::load_writable(config_account, program_id)?;
    checks::authority(admin, &config.admin)?;
    checks::treasury(treasury, &config.usdc_mint, &config.vault)?;
    // A zero authority would lock the platform out of its own controls for good.
    if is_zero_key(&args.operator) || is_zero_key(&args.arbiter) || args.paused > 1 {
        return Err(EscrowError::InvalidConfigValue);
    }
    let params = args.params;
    params.validate()?;

    config.operator = args.operator;
    config.arbiter = args.arbiter;
    config.treasury = *treasury.key();
    config.paused = args.paused;
    config.apply(&params);

    ConfigUpdated {
        admin: config.admin,
        operator: config.operator,
        arbiter: config.arbiter,
        treasury: config.treasury,
        params,
        paused: config.paused,
        reserved: [0; 7],
    }
    .emit();
    Ok(())
}
