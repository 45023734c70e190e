//! Events, one per state change. Each is logged as `discriminator ++ borsh(body)`, the
//! Anchor event format, and drives the indexer and webhooks.

mod agents;
mod campaigns;
mod config;
mod jobs;
mod wallet;

pub use agents::*;
pub use campaigns::*;
pub use config::*;
pub use jobs::*;
pub use wallet::*;

use crate::runtime::emit;

/// The logged frame: Anchor clients decode only the first "Program data:" part, so the
/// discriminator and body must travel as one byte string. The body's alignment is at most
/// 8, so the pair has no padding between them.
#[repr(C)]
struct Framed<E> {
    discriminator: [u8; 8],
    body: E,
}

/// An event body: `#[repr(C)]`, integer and byte-array fields only, no padding, so its
/// memory is its Borsh encoding.
///
/// # Safety
/// See above: the bytes of `Self` are logged verbatim.
pub unsafe trait Event: Sized {
    const DISCRIMINATOR: [u8; 8];
    #[inline(always)]
    fn emit(self) {
        let framed = Framed { discriminator: Self::DISCRIMINATOR, body: self };
        let bytes = unsafe {
            core::slice::from_raw_parts(&framed as *const Framed<Self> as *const u8, 8 + core::mem::size_of::<Self>())
        };
        emit(bytes);
    }
}

