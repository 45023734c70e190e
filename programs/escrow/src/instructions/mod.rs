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

// Agent exits and platform upkeep
pub mod accept_admin;
pub mod collect_fees;
pub mod panic;
pub mod pin_emergency_address;
pub mod propose_admin;
pub mod set_withdrawal_address;
pub mod update_config;
pub mod withdraw;

// Jobs and disputes
pub mod accept_job;
pub mod assign_provider;
pub mod create_job;
pub mod mark_delivered;
pub mod open_dispute;
pub mod refund;
pub mod release;
pub mod resolve_dispute;
mod settlement;

use crate::error::EscrowError;

/// Reads fixed-size Borsh arguments. `T` is `#[repr(C, packed)]` with integer and byte-array
/// fields only, so its size is its Borsh size and any bytes are a valid `T`; the exact
/// length rejects truncated or oversized data.
#[inline(always)]
pub fn parse_args<T: Copy>(data: &[u8]) -> Result<T, EscrowError> {
    let size = core::mem::size_of::<T>();
    if data.len() != size {
        return Err(EscrowError::InvalidInstruction);
    }
    let src = data.as_ptr();
    // The loader always places instruction data 8-byte aligned (it follows the u64 data
    // length in the input buffer). Copying it by words into an aligned buffer lets LLVM
    // load the packed fields whole instead of byte by byte: a u64 argument costs one
    // instruction instead of 22. (With a byte-copy fallback for other alignments, LLVM
    // merges both paths into the byte copy, so misaligned data is simply refused.)
    if src as usize & 7 != 0 {
        return Err(EscrowError::InvalidInstruction);
    }
    #[repr(C, align(8))]
    struct Aligned<T>(core::mem::MaybeUninit<T>);
    let mut buf = Aligned(core::mem::MaybeUninit::<T>::uninit());
    let dst = buf.0.as_mut_ptr() as *mut u8;
    unsafe {
        let mut i = 0;
        while i + 8 <= size {
            *(dst.add(i) as *mut u64) = *(src.add(i) as *const u64);
            i += 8;
        }
        while i < size {
            *dst.add(i) = *src.add(i);
            i += 1;
        }
        Ok(buf.0.assume_init())
    }
}
