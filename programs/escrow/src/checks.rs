//! Account checks shared by all instructions. Instructions call them in a fixed order:
//! signers, writability, program ids, owners and types, then addresses and relations.

use crate::error::EscrowError;
use crate::runtime::{AccountInfo, Pubkey, SYSTEM_PROGRAM_ID, TOKEN_PROGRAM_ID};

#[inline(always)]
pub fn signer(account: &AccountInfo) -> Result<(), EscrowError> {
    if account.is_signer { Ok(()) } else { Err(EscrowError::MissingSigner) }
}

/// The account signed and is the expected authority.
#[inline(always)]
pub fn authority(account: &AccountInfo, expected: &Pubkey) -> Result<(), EscrowError> {
    signer(account)?;
    if account.key() == expected { Ok(()) } else { Err(EscrowError::Unauthorized) }
}

#[inline(always)]
pub fn writable(account: &AccountInfo) -> Result<(), EscrowError> {
    if account.is_writable { Ok(()) } else { Err(EscrowError::NotWritable) }
}

#[inline(always)]
pub fn system_program(account: &AccountInfo) -> Result<(), EscrowError> {
    if account.key() == &SYSTEM_PROGRAM_ID { Ok(()) } else { Err(EscrowError::InvalidProgramId) }
}

#[inline(always)]
pub fn token_program(account: &AccountInfo) -> Result<(), EscrowError> {
    if account.key() == &TOKEN_PROGRAM_ID { Ok(()) } else { Err(EscrowError::InvalidProgramId) }
}

/// A fresh PDA must be empty and unowned before the system program creates it.
#[inline(always)]
pub fn uninitialized(account: &AccountInfo) -> Result<(), EscrowError> {
    if account.owner() != &SYSTEM_PROGRAM_ID || account.data_len() != 0 {
        return Err(EscrowError::AlreadyInitialized);
    }
    writable(account)
}

/// The fields of an SPL Token account the program relies on.
pub struct TokenAccount<'a> {
    pub mint: &'a Pubkey,
    pub owner: &'a Pubkey,
    pub amount: u64,
    pub has_delegate: bool,
    pub has_close_authority: bool,
}

const TOKEN_ACCOUNT_LEN: usize = 165;
const STATE_INITIALIZED: u8 = 1;

/// Reads an SPL Token account after checking it is one: owned by the token program, the
/// right size, initialized and not frozen, and holding `mint`.
#[inline(always)]
pub fn token_account<'a>(account: &'a AccountInfo, mint: &Pubkey) -> Result<TokenAccount<'a>, EscrowError> {
    if account.owner() != &TOKEN_PROGRAM_ID {
        return Err(EscrowError::InvalidOwner);
    }
    if account.data_len() != TOKEN_ACCOUNT_LEN {
        return Err(EscrowError::InvalidTokenAccount);
    }
    let data = unsafe { core::slice::from_raw_parts(account.data_ptr(), TOKEN_ACCOUNT_LEN) };
    if data[108] != STATE_INITIALIZED {
        return Err(EscrowError::InvalidTokenAccount);
    }
    let view = TokenAccount {
        mint: unsafe { &*(data.as_ptr() as *const Pubkey) },
        owner: unsafe { &*(data.as_ptr().add(32) as *const Pubkey) },
        amount: u64::from_le_bytes([data[64], data[65], data[66], data[67], data[68], data[69], data[70], data[71]]),
        has_delegate: data[72] != 0,
        has_close_authority: data[129] != 0,
    };
    if view.mint != mint {
        return Err(EscrowError::InvalidMint);
    }
    Ok(view)
}

/// The account is the configured vault (checked by address, which `initialize_config`
/// bound to a clean token account owned by the config PDA).
#[inline(always)]
pub fn vault(account: &AccountInfo, expected: &Pubkey) -> Result<(), EscrowError> {
    writable(account)?;
    if account.key() == expected { Ok(()) } else { Err(EscrowError::InvalidVault) }
}
