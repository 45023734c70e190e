//! The thin layer between the SBF loader and the program: input parsing, syscalls,
//! cross-program invocations, logging, the clock and events. No external crates.

pub mod cpi;
pub mod input;
pub mod key;
pub mod pda;
pub mod syscalls;

pub use input::{AccountInfo, Input};

pub type Pubkey = [u8; 32];

pub const SYSTEM_PROGRAM_ID: Pubkey = [0; 32];
/// TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA
pub const TOKEN_PROGRAM_ID: Pubkey = [
    6, 221, 246, 225, 215, 101, 161, 147, 217, 203, 225, 70, 206, 235, 121, 172, 28, 180, 133, 237,
    95, 91, 55, 145, 58, 140, 245, 133, 126, 255, 0, 169,
];

/// BPFLoaderUpgradeab1e11111111111111111111111: owns a deployed program's Program and
/// ProgramData accounts, where its upgrade authority is recorded.
pub const BPF_LOADER_UPGRADEABLE_ID: Pubkey = [
    2, 168, 246, 145, 78, 136, 161, 176, 226, 16, 21, 62, 247, 99, 174, 43, 0, 194, 185, 61, 22, 193, 36, 210, 192,
    83, 122, 16, 4, 128, 0, 0,
];

/// Rent-exempt minimum for `space` bytes. The rent parameters (3480 lamports per byte-year,
/// two years, 128 bytes of account overhead) are the same on every cluster, so computing it
/// saves the sysvar syscall.
#[inline(always)]
pub const fn rent_exempt_minimum(space: usize) -> u64 {
    ((128 + space) as u64) * 3480 * 2
}

/// Key equality in a few instructions. Keys and owners in the input buffer, key fields of
/// program accounts and aligned argument copies are all 8-byte aligned, so this is four
/// word compares; other keys fall back to the byte-wise `memcmp`. (Plain `==` on keys is a
/// `memcmp` call, about three times the cost.)
#[inline(always)]
pub fn keys_eq(a: &Pubkey, b: &Pubkey) -> bool {
    let (pa, pb) = (a.as_ptr() as usize, b.as_ptr() as usize);
    if (pa | pb) & 7 == 0 {
        let (a, b) = unsafe { (&*(pa as *const [u64; 4]), &*(pb as *const [u64; 4])) };
        ((a[0] ^ b[0]) | (a[1] ^ b[1]) | (a[2] ^ b[2]) | (a[3] ^ b[3])) == 0
    } else {
        a == b
    }
}

/// The all-zero key: an unset address or an open job's missing provider.
#[inline(always)]
pub fn is_zero_key(a: &Pubkey) -> bool {
    let pa = a.as_ptr() as usize;
    if pa & 7 == 0 {
        let a = unsafe { &*(pa as *const [u64; 4]) };
        (a[0] | a[1] | a[2] | a[3]) == 0
    } else {
        a == &[0; 32]
    }
}

pub fn log(message: &str) {
    unsafe { syscalls::sol_log_(message.as_ptr(), message.len() as u64) }
}

/// Current unix time from the Clock sysvar. Deadlines are compared against this, never
/// against a caller-supplied time.
pub fn unix_timestamp() -> i64 {
    // The syscall writes the whole sysvar, so zeroing it first would be wasted stores.
    let mut clock = core::mem::MaybeUninit::<syscalls::Clock>::uninit();
    unsafe {
        syscalls::sol_get_clock_sysvar(clock.as_mut_ptr());
        clock.assume_init().unix_timestamp
    }
}

/// Logs one "Program data:" line, which is how Anchor clients recognise events.
pub fn emit(bytes: &[u8]) {
    let part = syscalls::SolBytes { addr: bytes.as_ptr(), len: bytes.len() as u64 };
    unsafe { syscalls::sol_log_data(&part, 1) }
}

/// Derives a program address from seeds that already end with the stored bump, at the
/// fixed cost of one hash instead of a bump search. Inlined: SBF cannot return aggregates.
#[inline(always)]
pub fn create_program_address(seeds: &[&[u8]], program_id: &Pubkey) -> Option<Pubkey> {
    let mut raw = [const { syscalls::SolBytes { addr: core::ptr::null(), len: 0 } }; 4];
    for (slot, seed) in raw.iter_mut().zip(seeds) {
        *slot = syscalls::SolBytes { addr: seed.as_ptr(), len: seed.len() as u64 };
    }
    let mut out = [0u8; 32];
    let rc = unsafe {
        syscalls::sol_create_program_address(raw.as_ptr(), seeds.len() as u64, program_id, &mut out)
    };
    if rc == 0 { Some(out) } else { None }
}

/// Finds the canonical bump. Only used where an account is created once per wallet, so a
/// non-canonical bump cannot mint a second ledger for the same wallet. Inlined: SBF cannot
/// return aggregates.
#[inline(always)]
pub fn find_program_address(seeds: &[&[u8]], program_id: &Pubkey) -> Option<(Pubkey, u8)> {
    let mut raw = [const { syscalls::SolBytes { addr: core::ptr::null(), len: 0 } }; 4];
    for (slot, seed) in raw.iter_mut().zip(seeds) {
        *slot = syscalls::SolBytes { addr: seed.as_ptr(), len: seed.len() as u64 };
    }
    let mut out = [0u8; 32];
    let mut bump = 0u8;
    let rc = unsafe {
        syscalls::sol_try_find_program_address(
            raw.as_ptr(),
            seeds.len() as u64,
            program_id,
            &mut out,
            &mut bump,
        )
    };
    if rc == 0 { Some((out, bump)) } else { None }
}
