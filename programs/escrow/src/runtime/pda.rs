//! Proving a PDA bump is canonical without a bump search.
//!
//! `sol_try_find_program_address` costs 1 500 CU per bump it tries. A caller-supplied bump
//! is instead checked by showing that every higher bump hashes onto the ed25519 curve (so
//! is not a PDA): one sha256 and one point validation, about 320 CU, per higher bump. Half
//! of all addresses have the canonical bump 255 and cost nothing; on average it is one
//! check. The bump itself is proven by the system program when it creates the account.

use super::Pubkey;
use super::syscalls::SolBytes;

const PDA_MARKER: &[u8] = b"ProgramDerivedAddress";
const CURVE25519_EDWARDS: u64 = 0;

#[cfg(any(target_arch = "bpf", target_arch = "sbf", target_os = "solana"))]
unsafe extern "C" {
    fn sol_sha256(vals: *const SolBytes, val_len: u64, hash_result: *mut u8) -> u64;
    fn sol_curve_validate_point(curve_id: u64, point: *const u8, result: *mut u8) -> u64;
}

#[cfg(not(any(target_arch = "bpf", target_arch = "sbf", target_os = "solana")))]
unsafe fn sol_sha256(_: *const SolBytes, _: u64, _: *mut u8) -> u64 {
    1
}
#[cfg(not(any(target_arch = "bpf", target_arch = "sbf", target_os = "solana")))]
unsafe fn sol_curve_validate_point(_: u64, _: *const u8, _: *mut u8) -> u64 {
    1
}

/// True when no bump above `bump` derives a program address from the three `seeds`: the
/// bump a bump search would find, provided `bump` itself derives one (which the caller
/// proves, e.g. by creating the account with it).
pub fn is_canonical_bump(seeds: &[&[u8]; 3], bump: u8, program_id: &Pubkey) -> bool {
    let mut candidate = [u8::MAX];
    // Written through this pointer only, since `parts` reads the byte through it.
    let current = candidate.as_mut_ptr();
    let parts = [
        SolBytes { addr: seeds[0].as_ptr(), len: seeds[0].len() as u64 },
        SolBytes { addr: seeds[1].as_ptr(), len: seeds[1].len() as u64 },
        SolBytes { addr: seeds[2].as_ptr(), len: seeds[2].len() as u64 },
        SolBytes { addr: current, len: 1 },
        SolBytes { addr: program_id.as_ptr(), len: 32 },
        SolBytes { addr: PDA_MARKER.as_ptr(), len: PDA_MARKER.len() as u64 },
    ];
    let mut hash = [0u8; 32];
    while unsafe { *current } > bump {
        unsafe {
            sol_sha256(parts.as_ptr(), parts.len() as u64, hash.as_mut_ptr());
            // 0 = a valid curve point, which no PDA is.
            if sol_curve_validate_point(CURVE25519_EDWARDS, hash.as_ptr(), core::ptr::null_mut()) != 0 {
                return false;
            }
            *current -= 1;
        }
    }
    true
}
