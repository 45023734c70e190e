//! Moves every accrued fee from the vault to the treasury. Only `fees_accrued` moves: any
//! surplus in the vault (tokens sent to it directly) is left alone, so the ledgers stay
//! fully backed whatever happens.

use crate::checks;
use crate::error::EscrowError;
use crate::events::{Event, FeesCollected};
use crate::runtime::{AccountInfo, Pubkey, cpi, keys_eq};
use crate::state::config::CONFIG_SEED;
use crate::state::{AccountState, Config};

/// Accounts:
/// 0. `[signer]` admin
/// 1. `[writable]` config — PDA `["config"]`; signs for the vault
/// 2. `[writable]` vault
/// 3. `[writable]` treasury — the configured treasury token account
/// 4. `[]` token_program
pub fn process(program_id: &Pubkey, accounts: &[AccountInfo], data: &[u8]) -> Result<(), EscrowError> {
    let [admin, config_account, vault, treasury, token_program, ..] = accounts else {
        return Err(EscrowError::NotEnoughAccounts);
    };
    if !data.is_empty() {
        return Err(EscrowError::InvalidInstruction);
    }

    // Signers, writability, program ids, types, then relations.
    checks::signer(admin)?;
    checks::writable(treasury)?;
    checks::token_program(token_program)?;
    let config = Config::load_writable(config_account, program_id)?;
    checks::authority(admin, &config.admin)?;
    checks::vault(vault, &config.vault)?;
    if !keys_eq(treasury.key(), &config.treasury) {
        return Err(EscrowError::InvalidTokenAccount);
    }
    let amount = config.fees_accrued;
    if amount == 0 {
        return Err(EscrowError::InvalidAmount);
    }

    config.fees_accrued = 0;
    let bump = [config.bump];
    cpi::token_transfer(
        &cpi::Transfer { token_program, from: vault, to: treasury, authority: config_account, amount },
        &[CONFIG_SEED, &bump],
    )?;

    FeesCollected { treasury: config.treasury, amount }.emit();
    Ok(())
}
