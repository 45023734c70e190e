//! [`AccountState::load`] with word-wise owner and discriminator checks.
//!
//! `load` compares the 32-byte owner and the 8-byte discriminator with `==`, which the BPF
//! backend lowers to byte-by-byte loops because `[u8; N]` has alignment 1: about 300 CU per
//! account. These checks are the same, in about 20 instructions. Campaign instructions use
//! them; folding them into `load` itself would speed up every instruction.

use super::AccountState;
use crate::error::EscrowError;
use crate::runtime::{AccountInfo, Pubkey, key};

pub trait FastLoad: AccountState {
    /// Same checks and result as [`AccountState::load`].
    #[inline(always)]
    fn view<'a>(account: &'a AccountInfo, program_id: &Pubkey) -> Result<&'a mut Self, EscrowError> {
        if !key::eq(account.owner(), program_id) {
            return Err(EscrowError::InvalidOwner);
        }
        if account.data_len() != Self::SPACE {
            return Err(EscrowError::InvalidAccountData);
        }
        let data = account.data_ptr();
        unsafe {
            // Account data is 8-aligned in the loader's input buffer.
            if *(data as *const u64) != u64::from_le_bytes(Self::DISCRIMINATOR) {
                return Err(EscrowError::InvalidAccountData);
            }
            Ok(&mut *(data.add(8) as *mut Self))
        }
    }

    /// Same checks and result as [`AccountState::load_writable`].
    #[inline(always)]
    fn view_writable<'a>(account: &'a AccountInfo, program_id: &Pubkey) -> Result<&'a mut Self, EscrowError> {
        if !account.is_writable {
            return Err(EscrowError::NotWritable);
        }
        Self::view(account, program_id)
    }
}

impl<T: AccountState> FastLoad for T {}
