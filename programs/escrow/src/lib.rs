//! JustPay escrow: a ledger vault for agent payments.
//!
//! All USDC sits in one vault token account owned by the config PDA. Agents' balances,
//! job escrows and campaign pools are numbers in program accounts, so the job path moves
//! value with account writes instead of token transfers. Anyone can check that the vault
//! covers every ledger (see `docs/program.md`, "Invariant").
#![no_std]
#![allow(clippy::missing_safety_doc)]

pub mod checks;
pub mod entrypoint;
pub mod error;
pub mod events;
pub mod generated;
pub mod instructions;
pub mod runtime;
pub mod state;

/// Borsh `bool` in instruction and event layouts; a `u8` so that any byte is a valid value.
pub type Bool = u8;

#[cfg(any(target_arch = "bpf", target_arch = "sbf", target_os = "solana"))]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    runtime::log("panicked");
    unsafe { runtime::syscalls::abort() }
}

/// `core` lowers slice equality to `memcmp`; SBF has no libc to provide it.
#[cfg(any(target_arch = "bpf", target_arch = "sbf", target_os = "solana"))]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn memcmp(a: *const u8, b: *const u8, n: usize) -> i32 {
    let mut i = 0;
    // Keys and account fields mostly sit at 8-byte-aligned addresses in the input buffer;
    // comparing equal keys a word at a time costs a fifth of the byte loop. The byte loop
    // below still finds the first differing byte, so the result is the same.
    if (a as usize | b as usize) & 7 == 0 {
        while i + 8 <= n {
            if unsafe { *(a.add(i) as *const u64) != *(b.add(i) as *const u64) } {
                break;
            }
            i += 8;
        }
    }
    while i < n {
        let (x, y) = unsafe { (*a.add(i), *b.add(i)) };
        if x != y {
            return x as i32 - y as i32;
        }
        i += 1;
    }
    0
}
