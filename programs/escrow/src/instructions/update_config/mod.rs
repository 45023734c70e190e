//! Changes the platform's authorities, limits, treasury and pause switch. Admin only, and
//! every limit stays inside the bounds of `ConfigParams::validate`, so even a compromised
//! admin cannot make fees confiscatory or block withdrawals. The mint and vault never change.

use crate::Bool;
use crate::checks;
use crate::error::EscrowError;
use crate::events::{ConfigUpdated, Event};
use crate::instructions::parse_args;
use crate::runtime::{AccountInfo, Pubkey, is_zero_key, keys_eq};
use crate::state::config::ConfigParams;
use crate::state::{AccountState, Config};

/// Accounts:
/// 0. `[signer]` admin — the current admin
/// 1. `[writable]` config — PDA `["config"]`
/// 2. `[]` treasury — USDC token account to receive fees from now on (may be the current one; not the vault)
#[repr(C, packed)]
#[derive(Clone, Copy)]
pub struct Args {
    pub admin: Pubkey,
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
    checks::token_account(treasury, &config.usdc_mint)?;
    // Fees "collected" into the vault itself would turn into unallocated surplus.
    if keys_eq(treasury.key(), &config.vault) {
        return Err(EscrowError::InvalidTokenAccount);
    }
    // A zero authority would lock the platform out of its own controls for good.
    if is_zero_key(&args.admin) || is_zero_key(&args.operator) || is_zero_key(&args.arbiter) || args.paused > 1 {
        return Err(EscrowError::InvalidConfigValue);
    }
    let params = args.params;
    params.validate()?;

    config.admin = args.admin;
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
