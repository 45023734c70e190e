//! The only two cross-program calls the program makes: creating its own accounts, and SPL
//! Token transfers at the edges of the ledger vault (deposit, withdraw, panic, fees).

use super::syscalls::{SolAccountMeta, SolBytes, SolInstruction, SolSignerSeeds, sol_invoke_signed_c};
use super::{AccountInfo, Pubkey, SYSTEM_PROGRAM_ID, rent_exempt_minimum};
use crate::error::EscrowError;

// A seed `&[u8]` is (pointer, length), which is `SolBytes`; the runtime's Rust-ABI invoke
// reads signer seeds that way too. So the seeds are handed to the syscall as they are,
// instead of being copied into an array of `SolBytes` (~40 CU per call).
const _: () = assert!(core::mem::size_of::<&[u8]>() == core::mem::size_of::<SolBytes>());

/// A failing callee aborts the whole transaction inside the runtime, so a nonzero return
/// only comes from a call the runtime refused to make; with fixed instruction layouts the
/// only way to get there is signer seeds that do not derive the account, hence
/// `InvalidAddress`.
///
/// Results are niche-packed into one register: the BPF backend cannot return aggregates
/// from non-inlined functions.
fn invoke(ix: &SolInstruction, infos: &[AccountInfo], signer_seeds: &[&[u8]]) -> Result<(), EscrowError> {
    let signer = SolSignerSeeds { addr: signer_seeds.as_ptr() as *const SolBytes, len: signer_seeds.len() as u64 };
    let signers = if signer_seeds.is_empty() { 0 } else { 1 };
    let rc = unsafe { sol_invoke_signed_c(ix, infos.as_ptr(), infos.len() as u64, &signer, signers) };
    if rc == 0 { Ok(()) } else { Err(EscrowError::InvalidAddress) }
}

/// A system program instruction over `metas`; `seeds` sign for the new PDA when given.
fn system_call(metas: &[SolAccountMeta], infos: &[AccountInfo], data: &[u8], seeds: &[&[u8]]) -> Result<(), EscrowError> {
    let ix = SolInstruction {
        program_id: &SYSTEM_PROGRAM_ID,
        accounts: metas.as_ptr(),
        account_len: metas.len() as u64,
        data: data.as_ptr(),
        data_len: data.len() as u64,
    };
    invoke(&ix, infos, seeds)
}

/// A PDA the program creates and owns. Grouped into one struct because SBF calls pass at
/// most five arguments in registers.
pub struct NewPda<'a> {
    pub space: usize,
    pub owner: &'a Pubkey,
    /// Seeds ending with the bump.
    pub seeds: &'a [&'a [u8]],
}

/// Creates a rent-exempt, program-owned account at a PDA: the one way every instruction
/// creates an account. The system program rejects the call unless the seeds derive `new`,
/// so this also proves the address. The caller has checked that `new` is system-owned and
/// empty (`checks::uninitialized`).
///
/// Anyone can send lamports to a predictable PDA, and CreateAccount refuses an address that
/// holds any: a griefer could block an agent's ledger (one canonical bump, so for good), the
/// config, a job id, a campaign, a claimant's quota or next task for the price of a transfer.
/// An address that already holds lamports is therefore topped up to rent exemption, then
/// allocated and assigned instead. Whatever it held goes to its rent payer when it closes.
#[inline(always)]
pub fn create_pda(payer: &AccountInfo, new: &AccountInfo, pda: &NewPda) -> Result<(), EscrowError> {
    if new.lamports() == 0 { create_account(payer, new, pda) } else { create_prefunded(payer, new, pda) }
}

const ASSIGN: u8 = 1;
const TRANSFER: u8 = 2;
const ALLOCATE: u8 = 8;

/// The common path: one `CreateAccount` (instruction 0).
fn create_account(payer: &AccountInfo, new: &AccountInfo, pda: &NewPda) -> Result<(), EscrowError> {
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
    system_call(&metas, &[*payer, *new], data, pda.seeds)
}

/// The pre-funded path: `Transfer` of the missing rent (if any), `Allocate`, `Assign`, the
/// last two signed as the PDA.
#[inline(never)]
fn create_prefunded(payer: &AccountInfo, new: &AccountInfo, pda: &NewPda) -> Result<(), EscrowError> {
    let held = new.lamports();
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
