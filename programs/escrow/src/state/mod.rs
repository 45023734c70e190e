//! Account layouts. Each is `#[repr(C)]`, fixed-size and free of implicit padding, so the
//! same bytes are both the zero-copy view the program uses and the Borsh encoding that
//! Anchor clients decode. Every account starts with its 8-byte Anchor discriminator.

pub mod agent;
mod agent_exits;
pub mod campaign;
pub mod config;
pub mod fast_load;
pub mod job;
pub mod quota;
pub mod task;

pub use agent::Agent;
pub use campaign::{Campaign, CampaignStatus};
pub use config::Config;
pub use job::Job;
pub use quota::CampaignQuota;
pub use task::{Task, TaskStatus};

use crate::error::EscrowError;
use crate::runtime::{AccountInfo, Pubkey, keys_eq};

/// A program-owned account type.
///
/// # Safety
/// Implementors must be `#[repr(C)]`, contain only integer and byte-array fields, and have
/// no padding, so that any byte pattern is a valid value.
pub unsafe trait AccountState: Sized {
    const DISCRIMINATOR: [u8; 8];
    /// Full account size, discriminator included.
    const SPACE: usize = 8 + core::mem::size_of::<Self>();

    /// Views an existing account of this type. Ownership by this program plus a matching
    /// discriminator proves the account was created by this program as this type, so no
    /// address re-derivation is needed on the hot path.
    #[inline(always)]
    fn load<'a>(account: &'a AccountInfo, program_id: &Pubkey) -> Result<&'a mut Self, EscrowError> {
        if !keys_eq(account.owner(), program_id) {
            return Err(EscrowError::InvalidOwner);
        }
        if account.data_len() != Self::SPACE {
            return Err(EscrowError::InvalidAccountData);
        }
        let data = account.data_ptr();
        unsafe {
            if *(data as *const [u8; 8]) != Self::DISCRIMINATOR {
                return Err(EscrowError::InvalidAccountData);
            }
            Ok(&mut *(data.add(8) as *mut Self))
        }
    }

    /// Like [`load`](Self::load), for accounts the instruction changes.
    #[inline(always)]
    fn load_writable<'a>(account: &'a AccountInfo, program_id: &Pubkey) -> Result<&'a mut Self, EscrowError> {
        if !account.is_writable {
            return Err(EscrowError::NotWritable);
        }
        Self::load(account, program_id)
    }

    /// Writes the discriminator into a freshly created, zeroed account and returns its body.
    #[inline(always)]
    fn init<'a>(account: &'a AccountInfo) -> &'a mut Self {
        let data = account.data_ptr();
        unsafe {
            *(data as *mut [u8; 8]) = Self::DISCRIMINATOR;
            &mut *(data.add(8) as *mut Self)
        }
    }
}

/// Compile-time proof that a layout has no implicit padding.
#[macro_export]
macro_rules! assert_no_padding {
    ($ty:ty, $($field:ty),+ $(,)?) => {
        const _: () = assert!(core::mem::size_of::<$ty>() == 0 $(+ core::mem::size_of::<$field>())+);
    };
}
