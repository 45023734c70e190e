//! Account checks shared by all instructions. Instructions call them in a fixed order:
//! signers, writability, program ids, owners and types, then addresses and relations.

use crate::error::EscrowError;
use crate::runtime::{AccountInfo, Pubkey, SYSTEM_PROGRAM_ID, TOKEN_PROGRAM_ID, keys_eq};

/// A key or owner from the input buffer as four words: the loader aligns both to 8 bytes
/// (see `AccountInfo::key`), so a fixed key is checked with four compares instead of a
/// byte loop over a constant that LLVM places unaligned.
#[inline(always)]
fn is_key(key: &Pubkey, expected: [u64; 4]) -> bool {
    let k = unsafe { &*(key as *const Pubkey as *const [u64; 4]) };
    // Spelled out: `[u64; 4] ==` would become a `memcmp` call against a constant.
    ((k[0] ^ expected[0]) | (k[1] ^ expected[1]) | (k[2] ^ expected[2]) | (k[3] ^ expected[3])) == 0
}

const fn const_words(key: &Pubkey) -> [u64; 4] {
    let mut w = [0u64; 4];
    let mut i = 0;
    while i < 32 {
        w[i / 8] |= (key[i] as u64) << (8 * (i % 8));
        i += 1;
    }
    w
}

const SYSTEM_WORDS: [u64; 4] = const_words(&SYSTEM_PROGRAM_ID);
const TOKEN_WORDS: [u64; 4] = const_words(&TOKEN_PROGRAM_ID);

#[inline(always)]
pub fn signer(account: &AccountInfo) -> Result<(), EscrowError> {
    if account.is_signer { Ok(()) } else { Err(EscrowError::MissingSigner) }
}

/// The account signed and is the expected authority.
#[inline(always)]
pub fn authority(account: &AccountInfo, expected: &Pubkey) -> Result<(), EscrowError> {
    signer(account)?;
    if keys_eq(account.key(), expected) { Ok(()) } else { Err(EscrowError::Unauthorized) }
}

#[inline(always)]
pub fn writable(account: &AccountInfo) -> Result<(), EscrowError> {
    if account.is_writable { Ok(()) } else { Err(EscrowError::NotWritable) }
}

#[inline(always)]
pub fn system_program(account: &AccountInfo) -> Result<(), EscrowError> {
    if is_key(account.key(), SYSTEM_WORDS) { Ok(()) } else { Err(EscrowError::InvalidProgramId) }
}

#[inline(always)]
pub fn token_program(account: &AccountInfo) -> Result<(), EscrowError> {
    if is_key(account.key(), TOKEN_WORDS) { Ok(()) } else { Err(EscrowError::InvalidProgramId) }
}

/// A fresh PDA must be empty and unowned before the system program creates it.
#[inline(always)]
pub fn uninitialized(account: &AccountInfo) -> Result<(), EscrowError> {
    if !is_key(account.owner(), SYSTEM_WORDS) || account.data_len() != 0 {
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
    if !is_key(account.owner(), TOKEN_WORDS) {
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
    if !keys_eq(view.mint, mint) {
        return Err(EscrowError::InvalidMint);
    }
    Ok(view)
}

/// A USDC token account that fees may be collected into. Not the vault: fees "collected"
/// into the vault itself would turn into unallocated surplus.
#[inline(always)]
pub fn treasury(account: &AccountInfo, mint: &Pubkey, vault: &Pubkey) -> Result<(), EscrowError> {
    token_account(account, mint)?;
    if keys_eq(account.key(), vault) { Err(EscrowError::InvalidTokenAccount) } else { Ok(()) }
}

/// The account is the configured vault (checked by address, which `initialize_config`
/// bound to a clean token account owned by the config PDA).
#[inline(always)]
pub fn vault(account: &AccountInfo, expected: &Pubkey) -> Result<(), EscrowError> {
    writable(account)?;
    if keys_eq(account.key(), expected) { Ok(()) } else { Err(EscrowError::InvalidVault) }
}
