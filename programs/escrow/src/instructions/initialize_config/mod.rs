//! Creates the platform config and binds it to the USDC mint, the vault and the treasury.
//! Only the program's upgrade authority may do it: whoever initializes chooses the admin,
//! the mint, the vault and the treasury, and a program's address is public once it is
//! deployed, so a first-come config could be taken by anyone watching the deploy. The
//! upgrade authority could replace the program anyway, so the gate adds no new trust.

use crate::checks;
use crate::error::EscrowError;
use crate::events::{ConfigInitialized, Event};
use crate::instructions::parse_args;
use crate::runtime::{AccountInfo, BPF_LOADER_UPGRADEABLE_ID, Pubkey, TOKEN_PROGRAM_ID, cpi, find_program_address};
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
/// 7. `[]` program — this program's account, owned by the upgradeable loader
/// 8. `[]` program_data — its ProgramData account, which records the upgrade authority
/// 9. `[signer]` upgrade_authority — the program's upgrade authority
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

/// `UpgradeableLoaderState::Program { programdata_address }`: u32 tag 2, then the address.
const PROGRAM_TAG: u32 = 2;
const PROGRAM_LEN: usize = 4 + 32;
/// `UpgradeableLoaderState::ProgramData { slot, upgrade_authority_address }`: u32 tag 3,
/// u64 slot, then an `Option<Pubkey>` (one tag byte, then 32 bytes kept even when `None`);
/// the ELF follows.
const PROGRAM_DATA_TAG: u32 = 3;
const PROGRAM_DATA_METADATA_LEN: usize = 4 + 8 + 1 + 32;

#[inline(always)]
fn loader_state<'a>(account: &'a AccountInfo, tag: u32, min_len: usize) -> Result<&'a [u8], EscrowError> {
    if account.owner() != &BPF_LOADER_UPGRADEABLE_ID || account.data_len() < min_len {
        return Err(EscrowError::InvalidProgramData);
    }
    let data = unsafe { core::slice::from_raw_parts(account.data_ptr(), min_len) };
    if u32::from_le_bytes([data[0], data[1], data[2], data[3]]) != tag {
        return Err(EscrowError::InvalidProgramData);
    }
    Ok(data)
}

/// `authority` is the upgrade authority this program's ProgramData records, checked the
/// way Anchor's `program_data.upgrade_authority_address == Some(authority)` is: `program`
/// is this program, owned by the upgradeable loader, and names `program_data`, whose
/// authority is set and is `authority`.
#[inline(always)]
fn upgrade_authority(
    program_id: &Pubkey,
    program: &AccountInfo,
    program_data: &AccountInfo,
    authority: &AccountInfo,
) -> Result<(), EscrowError> {
    if program.key() != program_id {
        return Err(EscrowError::InvalidProgramData);
    }
    let state = loader_state(program, PROGRAM_TAG, PROGRAM_LEN)?;
    if &state[4..36] != program_data.key() {
        return Err(EscrowError::InvalidProgramData);
    }
    let state = loader_state(program_data, PROGRAM_DATA_TAG, PROGRAM_DATA_METADATA_LEN)?;
    match state[12] {
        0 => Err(EscrowError::ProgramImmutable),
        1 if &state[13..45] == authority.key() => Ok(()),
        1 => Err(EscrowError::Unauthorized),
        _ => Err(EscrowError::InvalidProgramData),
    }
}

pub fn process(program_id: &Pubkey, accounts: &[AccountInfo], data: &[u8]) -> Result<(), EscrowError> {
    let [
        payer,
        admin,
        config_account,
        usdc_mint,
        vault,
        treasury,
        system_program,
        program,
        program_data,
        authority,
        ..,
    ] = accounts
    else {
        return Err(EscrowError::NotEnoughAccounts);
    };
    let args: Args = parse_args(data)?;

    checks::signer(payer)?;
    checks::signer(admin)?;
    checks::signer(authority)?;
    checks::writable(payer)?;
    checks::system_program(system_program)?;
    upgrade_authority(program_id, program, program_data, authority)?;
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
    cpi::create_pda(
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
