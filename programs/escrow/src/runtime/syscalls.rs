//! Raw Solana syscalls. Every name here must be on the relinker's allow-list
//! (tools/sbf/src/relink/syscalls.ts); the loader resolves them by murmur3 hash.

use super::Pubkey;

#[repr(C)]
pub struct SolBytes {
    pub addr: *const u8,
    pub len: u64,
}

#[repr(C)]
pub struct SolSignerSeeds {
    pub addr: *const SolBytes,
    pub len: u64,
}

#[repr(C)]
pub struct SolAccountMeta {
    pub pubkey: *const Pubkey,
    pub is_writable: bool,
    pub is_signer: bool,
}

#[repr(C)]
pub struct SolInstruction {
    pub program_id: *const Pubkey,
    pub accounts: *const SolAccountMeta,
    pub account_len: u64,
    pub data: *const u8,
    pub data_len: u64,
}

/// Mirrors the runtime's `Clock` sysvar layout.
#[repr(C)]
#[derive(Default)]
pub struct Clock {
    pub slot: u64,
    pub epoch_start_timestamp: i64,
    pub epoch: u64,
    pub leader_schedule_epoch: u64,
    pub unix_timestamp: i64,
}

#[cfg(any(target_arch = "bpf", target_arch = "sbf", target_os = "solana"))]
unsafe extern "C" {
    pub fn sol_log_(message: *const u8, len: u64);
    pub fn sol_log_data(parts: *const SolBytes, count: u64);
    pub fn sol_get_clock_sysvar(clock: *mut Clock) -> u64;
    pub fn sol_create_program_address(
        seeds: *const SolBytes,
        seed_count: u64,
        program_id: *const Pubkey,
        address: *mut Pubkey,
    ) -> u64;
    pub fn sol_try_find_program_address(
        seeds: *const SolBytes,
        seed_count: u64,
        program_id: *const Pubkey,
        address: *mut Pubkey,
        bump: *mut u8,
    ) -> u64;
    pub fn sol_invoke_signed_c(
        instruction: *const SolInstruction,
        account_infos: *const super::AccountInfo,
        account_count: u64,
        signer_seeds: *const SolSignerSeeds,
        signer_count: u64,
    ) -> u64;
    pub fn sol_memcpy_(dst: *mut u8, src: *const u8, n: u64);
    pub fn abort() -> !;
}

/// Host builds (rust-analyzer, `cargo check`) have no runtime; these stubs keep the crate
/// type-checkable off-chain and are never linked into the program.
#[cfg(not(any(target_arch = "bpf", target_arch = "sbf", target_os = "solana")))]
mod host {
    use super::*;
    pub unsafe fn sol_log_(_: *const u8, _: u64) {}
    pub unsafe fn sol_log_data(_: *const SolBytes, _: u64) {}
    pub unsafe fn sol_get_clock_sysvar(_: *mut Clock) -> u64 { 1 }
    pub unsafe fn sol_create_program_address(_: *const SolBytes, _: u64, _: *const Pubkey, _: *mut Pubkey) -> u64 { 1 }
    pub unsafe fn sol_try_find_program_address(_: *const SolBytes, _: u64, _: *const Pubkey, _: *mut Pubkey, _: *mut u8) -> u64 { 1 }
    pub unsafe fn sol_invoke_signed_c(_: *const SolInstruction, _: *const crate::runtime::AccountInfo, _: u64, _: *const SolSignerSeeds, _: u64) -> u64 { 1 }
    pub unsafe fn sol_memcpy_(_: *mut u8, _: *const u8, _: u64) {}
    pub unsafe fn abort() -> ! { loop {} }
}
#[cfg(not(any(target_arch = "bpf", target_arch = "sbf", target_os = "solana")))]
pub use host::*;
