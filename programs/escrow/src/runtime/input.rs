//! Parses the aligned (loader v2/v3) input buffer in place: no copies of account data.

use super::Pubkey;
use core::mem::MaybeUninit;
use core::slice;

/// Layout fixed by the runtime's C ABI (`SolAccountInfo`), so the same array can be handed
/// straight to `sol_invoke_signed_c`.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct AccountInfo {
    key: *const Pubkey,
    lamports: *mut u64,
    data_len: u64,
    data: *mut u8,
    owner: *const Pubkey,
    rent_epoch: u64,
    pub is_signer: bool,
    pub is_writable: bool,
    pub executable: bool,
}

/// The most accounts any instruction takes; extra accounts are ignored.
pub const MAX_ACCOUNTS: usize = 16;
/// Space the runtime reserves after each account's data so programs may grow it.
const MAX_PERMITTED_DATA_INCREASE: usize = 10 * 1024;
const NON_DUP_MARKER: u8 = u8::MAX;

pub struct Input<'a> {
    pub accounts: &'a [AccountInfo],
    pub data: &'a [u8],
    pub program_id: &'a Pubkey,
}

impl AccountInfo {
    // The loader aligns every key, owner and data start to 8 bytes. Telling LLVM so lets it
    // copy and compare keys and account fields a word at a time instead of byte by byte.
    #[inline(always)]
    pub fn key(&self) -> &Pubkey {
        unsafe {
            core::hint::assert_unchecked(self.key as usize & 7 == 0);
            &*self.key
        }
    }
    #[inline(always)]
    pub fn owner(&self) -> &Pubkey {
        unsafe {
            core::hint::assert_unchecked(self.owner as usize & 7 == 0);
            &*self.owner
        }
    }
    #[inline(always)]
    pub fn lamports(&self) -> u64 {
        unsafe { *self.lamports }
    }
    #[inline(always)]
    pub fn set_lamports(&self, value: u64) {
        unsafe { *self.lamports = value }
    }
    #[inline(always)]
    pub fn data_len(&self) -> usize {
        self.data_len as usize
    }
    #[inline(always)]
    pub fn data_ptr(&self) -> *mut u8 {
        unsafe { core::hint::assert_unchecked(self.data as usize & 7 == 0) };
        self.data
    }
    /// Shrinks the account to zero bytes and hands it back to the system program: the
    /// runtime garbage-collects a zero-lamport account at the end of the transaction.
    pub fn close_to(&self, recipient: &AccountInfo) {
        recipient.set_lamports(recipient.lamports() + self.lamports());
        self.set_lamports(0);
        unsafe {
            core::ptr::write_bytes(self.data, 0, self.data_len as usize);
            // The serialized data length sits 8 bytes before the data.
            *(self.data.sub(8) as *mut u64) = 0;
            core::ptr::write_bytes(self.owner as *mut u8, 0, 32);
        }
    }
}

// `parse` fills `AccountInfo`s word by word, so it relies on this exact layout (which is
// also `SolAccountInfo`'s): six words, then the three flags and padding in the seventh.
const _: () = {
    assert!(core::mem::size_of::<AccountInfo>() == 56);
    assert!(core::mem::offset_of!(AccountInfo, key) == 0);
    assert!(core::mem::offset_of!(AccountInfo, lamports) == 8);
    assert!(core::mem::offset_of!(AccountInfo, data_len) == 16);
    assert!(core::mem::offset_of!(AccountInfo, data) == 24);
    assert!(core::mem::offset_of!(AccountInfo, owner) == 32);
    assert!(core::mem::offset_of!(AccountInfo, rent_epoch) == 40);
    assert!(core::mem::offset_of!(AccountInfo, is_signer) == 48);
    assert!(core::mem::offset_of!(AccountInfo, is_writable) == 49);
    assert!(core::mem::offset_of!(AccountInfo, executable) == 50);
};

/// Where the next account's header starts, after one with `data_len` bytes of data at `p`.
#[inline(always)]
unsafe fn next_account(p: *mut u8, data_len: u64) -> *mut u8 {
    unsafe {
        let end = p.add(88 + data_len as usize + MAX_PERMITTED_DATA_INCREASE);
        end.add(end.align_offset(8))
    }
}

/// # Safety
/// `input` must be the buffer the loader passed to `entrypoint`.
pub unsafe fn parse<'a>(
    mut p: *mut u8,
    buf: &'a mut [MaybeUninit<AccountInfo>; MAX_ACCOUNTS],
) -> Input<'a> {
    unsafe {
        let total = *(p as *const u64) as usize;
        p = p.add(8);
        let kept = if total < MAX_ACCOUNTS { total } else { MAX_ACCOUNTS };
        // Kept lean: this loop runs for every account of every instruction, so it walks
        // the slots by pointer and writes each `AccountInfo` as seven words.
        let first = buf.as_mut_ptr() as *mut u64;
        let stop = first.add(7 * kept);
        let mut slot = first;
        while slot < stop {
            let dup = *p;
            if dup != NON_DUP_MARKER {
                // The runtime only ever points back at an earlier account.
                core::ptr::copy_nonoverlapping(first.add(7 * dup as usize), slot, 7);
                p = p.add(8);
                slot = slot.add(7);
                continue;
            }
            let data_len = *(p.add(80) as *const u64);
            let end = next_account(p, data_len);
            *slot = p.add(8) as u64; // key
            *slot.add(1) = p.add(72) as u64; // lamports
            *slot.add(2) = data_len;
            *slot.add(3) = p.add(88) as u64; // data
            *slot.add(4) = p.add(40) as u64; // owner
            *slot.add(5) = *(end as *const u64); // rent_epoch
            // The header's first word is [dup marker, is_signer, is_writable, executable, four
            // bytes of padding]. Shifted down a byte, its low three bytes are the flags (the
            // loader writes 0 or 1: valid `bool`s) and the rest lands in the struct's padding.
            *slot.add(6) = *(p as *const u64) >> 8;
            p = end.add(8);
            slot = slot.add(7);
        }
        // Accounts beyond MAX_ACCOUNTS are skipped, not read.
        for _ in kept..total {
            p = if *p != NON_DUP_MARKER { p.add(8) } else { next_account(p, *(p.add(80) as *const u64)).add(8) };
        }
        let data_len = *(p as *const u64) as usize;
        p = p.add(8);
        let data = slice::from_raw_parts(p, data_len);
        let program_id = &*(p.add(data_len) as *const Pubkey);
        Input {
            accounts: slice::from_raw_parts(buf.as_ptr() as *const AccountInfo, kept),
            data,
            program_id,
        }
    }
}
