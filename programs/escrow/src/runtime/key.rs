//! Word-wise Pubkey comparison and copies.
//!
//! A Pubkey is `[u8; 32]` with alignment 1, so the BPF backend compares and copies it one
//! byte at a time: about 100 instructions per comparison and 64 per copy. Every Pubkey the
//! program reads sits at an 8-byte aligned address: account keys and account data in the
//! loader's input buffer (both 8-aligned by the ABI), and Pubkey fields of the `#[repr(C)]`
//! layouts, which all start at multiples of 8. Reading them as four u64 words costs 4 loads.
//! The program id follows the instruction data and may sit at any offset; SBF loads have
//! no alignment requirement, so the word reads are right for it too.

use super::Pubkey;

#[inline(always)]
fn words(k: &Pubkey) -> *const u64 {
    k.as_ptr() as *const u64
}

/// `a == b`, four words at a time. Both must be 8-aligned (see the module doc).
#[inline(always)]
pub fn eq(a: &Pubkey, b: &Pubkey) -> bool {
    let (a, b) = (words(a), words(b));
    unsafe { ((*a ^ *b) | (*a.add(1) ^ *b.add(1)) | (*a.add(2) ^ *b.add(2)) | (*a.add(3) ^ *b.add(3))) == 0 }
}

/// A copy of a Pubkey, as four words. The loads are volatile so that LLVM cannot fold the
/// copy back into a byte-wise `memcpy` from the source, whose alignment it does not know.
#[inline(always)]
pub fn read(k: &Pubkey) -> Pubkey {
    let w = words(k);
    let v =
        unsafe { [w.read_volatile(), w.add(1).read_volatile(), w.add(2).read_volatile(), w.add(3).read_volatile()] };
    unsafe { core::mem::transmute::<[u64; 4], Pubkey>(v) }
}

/// `k == [0; 32]`: the system program's id, and the owner of every unallocated account.
#[inline(always)]
pub fn is_zero(k: &Pubkey) -> bool {
    let k = words(k);
    unsafe { (*k | *k.add(1) | *k.add(2) | *k.add(3)) == 0 }
}
