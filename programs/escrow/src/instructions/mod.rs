//! One folder per instruction: its accounts (documented in order, which the IDL generator
//! reads), its arguments, and its processor.

pub mod accept_task;
pub mod campaign_common;
pub mod cancel_campaign;
pub mod claim_task;
pub mod close_campaign;
pub mod close_quota;
pub mod create_campaign;
pub mod deliver_task;
pub mod deposit;
pub mod expire_task;
pub mod initialize_config;
pub mod pause_campaign;
pub mod register_agent;
pub mod reject_task;
pub mod resume_campaign;
pub mod top_up_campaign;

use crate::error::EscrowError;

/// Reads fixed-size Borsh arguments. `T` is `#[repr(C, packed)]` with integer and byte-array
/// fields only, so its size is its Borsh size and any bytes are a valid `T`; the exact
/// length rejects truncated or oversized data.
#[inline(always)]
pub fn parse_args<T: Copy>(data: &[u8]) -> Result<T, EscrowError> {
    if data.len() != core::mem::size_of::<T>() {
        return Err(EscrowError::InvalidInstruction);
    }
    Ok(unsafe { core::ptr::read_unaligned(data.as_ptr() as *const T) })
}
