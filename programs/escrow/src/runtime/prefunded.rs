//! Creating a PDA that someone has already sent lamports to.
//!
//! The system program's CreateAccount refuses an address that holds lamports, and anyone can
//! send lamports to a predictable PDA: a claimant's next task address or quota address could
//! be blocked for good for the price of its rent. This path tops the account up to rent
//! exemption, then allocates and assigns it, signing as the PDA. It only runs when the address
//! already holds lamports; `cpi::create_pda_account` stays the common path.

use super::cpi::{NewPda, create_pda_account};
use super::syscalls::{SolAccountMeta, SolBytes, SolInstruction, SolSignerSeeds, sol_invoke_signed_c};
use super::{AccountInfo, SYSTEM_PROGRAM_ID, rent_exempt_minimum};
use crate::error::EscrowError;

const TRANSFER: u8 = 2;
const ALLOCATE: u8 = 8;
const ASSIGN: u8 = 1;

/// A system program call; `new` signs through `seeds` when given.
fn system_call(
    metas: &[SolAccountMeta],
    infos: &[AccountInfo],
    data: &[u8],
    seeds: &[&[u8]],
) -> Result<(), EscrowError> {
    let mut raw = [const { SolBytes { addr: core::ptr::null(), len: 0 } }; 4];
    for (slot, seed) in raw.iter_mut().zip(seeds) {
        *slot = SolBytes { addr: seed.as_ptr(), len: seed.len() as u64 };
    }
    let signer = SolSignerSeeds { addr: raw.as_ptr(), len: seeds.len() as u64 };
    let ix = SolInstruction {
        program_id: &SYSTEM_PROGRAM_ID,
        accounts: metas.as_ptr(),
        account_len: metas.len() as u64,
        data: data.as_ptr(),
        data_len: data.len() as u64,
    };
    let signers = if seeds.is_empty() { 0 } else { 1 };
    let rc = unsafe { sol_invoke_signed_c(&ix, infos.as_ptr(), infos.len() as u64, &signer, signers) };
    if rc == 0 { Ok(()) } else { Err(EscrowError::InvalidAddress) }
}

/// Creates a rent-exempt, program-owned account at a PDA, whether or not the address already
/// holds lamports. The caller has checked that it is system-owned and empty.
pub fn create_pda(payer: &AccountInfo, new: &AccountInfo, pda: &NewPda) -> Result<(), EscrowError> {
    let held = new.lamports();
    if held == 0 {
        return create_pda_account(payer, new, pda);
    }
    let rent = rent_exempt_minimum(pda.space);
    if held < rent {
        let mut data = [0u8; 12];
        data[0] = TRANSFER;
        data[4..12].copy_from_slice(&(rent - held).to_le_bytes());
        let metas = [
            SolAccountMeta { pubkey: payer.key(), is_writable: true, is_signer: true },
            SolAccountMeta { pubkey: new.key(), is_writable: true, is_signer: false },
        ];
        system_call(&metas, &[*payer, *new], &data, &[])?;
    }
    let metas = [SolAccountMeta { pubkey: new.key(), is_writable: true, is_signer: true }];
    // One info for both calls: the runtime writes the allocated length back into it, and
    // the assign call must see that length or it counts as an unauthorized resize.
    let info = [*new];
    let mut data = [0u8; 12];
    data[0] = ALLOCATE;
    data[4..12].copy_from_slice(&(pda.space as u64).to_le_bytes());
    system_call(&metas, &info, &data, pda.seeds)?;
    let mut data = [0u8; 36];
    data[0] = ASSIGN;
    data[4..36].copy_from_slice(pda.owner);
    system_call(&metas, &info, &data, pda.seeds)
}
