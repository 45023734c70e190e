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

/// # Safety
/// `input` must be the buffer the loader passed to `entrypoint`.
pub unsafe fn parse<'a>(
    mut p: *mut u8,
    buf: &'a mut [MaybeUninit<AccountInfo>; MAX_ACCOUNTS],
) -> Input<'a> {
    unsafe {
        let total = *(p as *const u64) as usize;
        p = p.add(8);
        // Kept lean: this loop runs for every account of every instruction.
        for i in 0..total {
            let dup = *p;
            if dup != NON_DUP_MARKER {
                if i < MAX_ACCOUNTS {
                    buf[i] = buf[dup as usize];
                }
                p = p.add(8);
                continue;
            }
            let data_len = *(p.add(80) as *const u64);
            let end = p.add(88 + data_len as usize + MAX_PERMITTED_DATA_INCREASE);
            let end = end.add(end.align_offset(8));
            if i < MAX_ACCOUNTS {
                buf[i].write(AccountInfo {
                    key: p.add(8) as *const Pubkey,
                    lamports: p.add(72) as *mut u64,
                    data_len,
                    data: p.add(88),
                    owner: p.add(40) as *const Pubkey,
                    rent_epoch: *(end as *const u64),
                    // The loader writes the flags as 0 or 1: valid `bool`s as they are.
                    is_signer: *(p.add(1) as *const bool),
                    is_writable: *(p.add(2) as *const bool),
                    executable: *(p.add(3) as *const bool),
                });
            }
            p = end.add(8);
        }
        let kept = if total < MAX_ACCOUNTS { total } else { MAX_ACCOUNTS };
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
