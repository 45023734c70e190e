//! Creates the platform config and binds it to the USDC mint, the vault and the treasury.
//! The first caller becomes admin, so deployments initialize in the same step as deploy.

use crate::checks;
use crate::error::EscrowError;
use crate::events::{ConfigInitialized, Event};
use crate::instructions::parse_args;
use crate::runtime::{AccountInfo, Pubkey, TOKEN_PROGRAM_ID, cpi, find_program_address};
use crate::state::config::{CONFIG_SEED, ConfigParams};
use crate::state::{AccountState, Config};

/// Accounts:
/// 0. `[signer, writable]` payer — pays the config's rent
/// 1. `[signer]` admin — becomes the config admin
/// 2. `[writable]` config — PDA `["config"]` at its canonical bump, created here
/// 3. `[]` usdc_mint — the SPL mint all balances are in
/// 4. `[]` vault — USDC token account owned by the config PDA, with no delegate or close authority
/// 5. `[]` treasury — USDC token account that receives collected fees; not the vault
/// 6. `[]` system_program
#[repr(C, packed)]
#[derive(Clone, Copy)]
pub struct Args {
    pub operator: Pubkey,
    pub arbiter: Pubkey,
    pub params: ConfigParams,
    /// Bump of the config PDA
    pub bump: u8,
}

const MINT_LEN: usize = 82;

pub fn process(program_id: &Pubkey, accounts: &[AccountInfo], data: &[u8]) -> Result<(), EscrowError> {
    let [payer, admin, config_account, usdc_mint, vault, treasury, system_program, ..] = accounts else {
        return Err(EscrowError::NotEnoughAccounts);
    };
    let args: Args = parse_args(data)?;

    checks::signer(payer)?;
    checks::signer(admin)?;
    checks::writable(payer)?;
    checks::system_program(system_program)?;
    checks::uninitialized(config_account)?;
    if usdc_mint.owner() != &TOKEN_PROGRAM_ID || usdc_mint.data_len() != MINT_LEN {
        return Err(EscrowError::InvalidMint);
    }
    let vault_token = checks::token_account(vault, usdc_mint.key())?;
    if vault_token.owner != config_account.key() {
        return Err(EscrowError::InvalidVault);
    }
    // A delegate or close authority could move or destroy funds behind the ledger's back.
    if vault_token.has_delegate || vault_token.has_close_authority {
        return Err(EscrowError::InvalidVault);
    }
    checks::treasury(treasury, usdc_mint.key(), vault.key())?;
    let params = args.params;
    params.validate()?;

    // Exactly one config may exist: only the canonical bump is accepted. Every other
    // instruction then proves "the" config by owner, discriminator and size alone, so a
    // second config with its own operator or arbiter can never stand in for it.
    let (address, canonical) = find_program_address(&[CONFIG_SEED], program_id).ok_or(EscrowError::InvalidAddress)?;
    if &address != config_account.key() || canonical != args.bump {
        return Err(EscrowError::InvalidAddress);
    }
    let bump = [args.bump];
    cpi::create_pda_account(
        payer,
        config_account,
        &cpi::NewPda { space: Config::SPACE, owner: program_id, seeds: &[CONFIG_SEED, &bump] },
    )?;

    let config = Config::init(config_account);
    config.admin = *admin.key();
    config.operator = args.operator;
    config.arbiter = args.arbiter;
    config.usdc_mint = *usdc_mint.key();
    config.vault = *vault.key();
    config.treasury = *treasury.key();
    config.bump = args.bump;
    config.apply(&params);

    ConfigInitialized {
        admin: config.admin,
        operator: config.operator,
        arbiter: config.arbiter,
        usdc_mint: config.usdc_mint,
        vault: config.vault,
        treasury: config.treasury,
        fee_bps: config.fee_bps,
    }
    .emit();
    Ok(())
}
