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
    #[inline(always)]
    pub fn key(&self) -> &Pubkey {
        unsafe { &*self.key }
    }
    #[inline(always)]
    pub fn owner(&self) -> &Pubkey {
        unsafe { &*self.owner }
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
        let mut kept = 0;
        for i in 0..total {
            let dup = *p;
            if dup != NON_DUP_MARKER {
                if i < MAX_ACCOUNTS {
                    buf[i] = buf[dup as usize];
                    kept += 1;
                }
                p = p.add(8);
                continue;
            }
            let data_len = *(p.add(80) as *const u64);
            let info = AccountInfo {
                is_signer: *p.add(1) != 0,
                is_writable: *p.add(2) != 0,
                executable: *p.add(3) != 0,
                key: p.add(8) as *const Pubkey,
                owner: p.add(40) as *const Pubkey,
                lamports: p.add(72) as *mut u64,
                data_len,
                data: p.add(88),
                rent_epoch: 0,
            };
            p = p.add(88 + data_len as usize + MAX_PERMITTED_DATA_INCREASE);
            p = p.add(p.align_offset(8));
            let rent_epoch = *(p as *const u64);
            p = p.add(8);
            if i < MAX_ACCOUNTS {
                buf[i].write(AccountInfo { rent_epoch, ..info });
                kept += 1;
            }
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
