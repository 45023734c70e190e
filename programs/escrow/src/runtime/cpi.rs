//! The only two cross-program calls the program makes: creating its own accounts, and SPL
//! Token transfers at the edges of the ledger vault (deposit, withdraw, panic, fees).

use super::syscalls::{SolAccountMeta, SolBytes, SolInstruction, SolSignerSeeds, sol_invoke_signed_c};
use super::{AccountInfo, Pubkey, SYSTEM_PROGRAM_ID, rent_exempt_minimum};
use crate::error::EscrowError;

fn seeds_to_raw<'a>(seeds: &[&'a [u8]], raw: &mut [SolBytes; 4]) -> u64 {
    for (slot, seed) in raw.iter_mut().zip(seeds) {
        *slot = SolBytes { addr: seed.as_ptr(), len: seed.len() as u64 };
    }
    seeds.len() as u64
}

/// A failing callee aborts the whole transaction inside the runtime, so a nonzero return
/// only comes from a call the runtime refused to make; with fixed instruction layouts the
/// only way to get there is signer seeds that do not derive the account, hence
/// `InvalidAddress`.
///
/// Results are niche-packed into one register: the BPF backend cannot return aggregates
/// from non-inlined functions.
fn invoke(ix: &SolInstruction, infos: &[AccountInfo], signer_seeds: &[&[u8]]) -> Result<(), EscrowError> {
    let mut raw = [const { SolBytes { addr: core::ptr::null(), len: 0 } }; 4];
    let count = seeds_to_raw(signer_seeds, &mut raw);
    let signer = SolSignerSeeds { addr: raw.as_ptr(), len: count };
    let signers = if count == 0 { 0 } else { 1 };
    let rc = unsafe {
        sol_invoke_signed_c(ix, infos.as_ptr(), infos.len() as u64, &signer, signers)
    };
    if rc == 0 { Ok(()) } else { Err(EscrowError::InvalidAddress) }
}

/// A PDA the program creates and owns. Grouped into one struct because SBF calls pass at
/// most five arguments in registers.
pub struct NewPda<'a> {
    pub space: usize,
    pub owner: &'a Pubkey,
    /// Seeds ending with the bump.
    pub seeds: &'a [&'a [u8]],
}

/// Creates a rent-exempt, program-owned account at a PDA. The system program rejects the
/// call unless the seeds derive `new`, so this also proves the address.
pub fn create_pda_account(payer: &AccountInfo, new: &AccountInfo, pda: &NewPda) -> Result<(), EscrowError> {
    // SystemInstruction::CreateAccount { lamports, space, owner }. Aligned so the integers
    // are stored whole; the owner is copied by the memcpy syscall (10 CU) because LLVM
    // would copy a key of unknown alignment byte by byte (~100 CU).
    #[repr(C, align(8))]
    struct Data([u8; 52]);
    let mut data = Data([0u8; 52]);
    let data = &mut data.0;
    data[4..12].copy_from_slice(&rent_exempt_minimum(pda.space).to_le_bytes());
    data[12..20].copy_from_slice(&(pda.space as u64).to_le_bytes());
    unsafe { super::syscalls::sol_memcpy_(data.as_mut_ptr().add(20), pda.owner.as_ptr(), 32) };
    let metas = [
        SolAccountMeta { pubkey: payer.key(), is_writable: true, is_signer: true },
        SolAccountMeta { pubkey: new.key(), is_writable: true, is_signer: true },
    ];
    let ix = SolInstruction {
        program_id: &SYSTEM_PROGRAM_ID,
        accounts: metas.as_ptr(),
        account_len: 2,
        data: data.as_ptr(),
        data_len: 52,
    };
    invoke(&ix, &[*payer, *new], pda.seeds)
}

/// An SPL Token `Transfer` (instruction 3).
pub struct Transfer<'a> {
    pub token_program: &'a AccountInfo,
    pub from: &'a AccountInfo,
    pub to: &'a AccountInfo,
    pub authority: &'a AccountInfo,
    pub amount: u64,
}

/// `authority_seeds` is empty when the authority signed the transaction, or the config PDA
/// seeds when the vault pays out.
pub fn token_transfer(t: &Transfer, authority_seeds: &[&[u8]]) -> Result<(), EscrowError> {
    let mut data = [3u8; 9];
    data[1..9].copy_from_slice(&t.amount.to_le_bytes());
    let metas = [
        SolAccountMeta { pubkey: t.from.key(), is_writable: true, is_signer: false },
        SolAccountMeta { pubkey: t.to.key(), is_writable: true, is_signer: false },
        SolAccountMeta { pubkey: t.authority.key(), is_writable: false, is_signer: true },
    ];
    let ix = SolInstruction {
        program_id: t.token_program.key(),
        accounts: metas.as_ptr(),
        account_len: 3,
        data: data.as_ptr(),
        data_len: 9,
    };
    invoke(&ix, &[*t.from, *t.to, *t.authority], authority_seeds)
}
