//! The loader's entry: parse the input, dispatch on the Anchor instruction discriminator.

use crate::error::EscrowError;
use crate::generated::{error_log, instruction as ix};
use crate::instructions;
use crate::runtime::{self, Input, input, key};
use core::mem::MaybeUninit;

#[unsafe(no_mangle)]
pub unsafe extern "C" fn entrypoint(raw: *mut u8) -> u64 {
    let mut accounts = [const { MaybeUninit::uninit() }; input::MAX_ACCOUNTS];
    let input = unsafe { input::parse(raw, &mut accounts) };
    match dispatch(&input) {
        Ok(()) => 0,
        Err(e) => fail(e),
    }
}

/// Logs Anchor's error line, so that Anchor clients read the failure as a typed error with
/// the IDL's name and code rather than a bare "custom program error". The line costs compute
/// units only on the error path. Out of line, and deliberately not `#[cold]`: marking it cold
/// changed which processors LLVM inlines into `entrypoint`, and with that the success path's
/// compute units (`npm run bench:cu`).
#[inline(never)]
fn fail(e: EscrowError) -> u64 {
    runtime::log(error_log::anchor_line(e));
    e.into()
}

#[repr(C, align(8))]
struct AlignedKey(crate::runtime::Pubkey);

fn dispatch(input: &Input) -> Result<(), EscrowError> {
    // Instruction data is 8-byte aligned (see `parse_args`), so the tag is one load.
    let data = input.data;
    if data.len() < 8 || data.as_ptr() as usize & 7 != 0 {
        return Err(EscrowError::InvalidInstruction);
    }
    let (tag, args) = (unsafe { *(data.as_ptr() as *const u64) }, &data[8..]);
    // The program id follows the instruction data, so it is rarely 8-byte aligned; an
    // aligned copy lets every owner check compare it a word at a time (see `memcmp`).
    // Four word loads (SBF loads need no alignment, see `key::read`) cost 8 CU, the memcpy
    // syscall 20 and LLVM's byte copy ~90.
    let copy;
    let program_id = if input.program_id.as_ptr() as usize & 7 == 0 {
        input.program_id
    } else {
        copy = AlignedKey(key::read(input.program_id));
        &copy.0
    };
    let accounts = input.accounts;
    match u64::from_le(tag) {
        // Platform
        ix::INITIALIZE_CONFIG => instructions::initialize_config::process(program_id, accounts, args),
        ix::UPDATE_CONFIG => instructions::update_config::process(program_id, accounts, args),
        ix::COLLECT_FEES => instructions::collect_fees::process(program_id, accounts, args),
        ix::PROPOSE_ADMIN => instructions::propose_admin::process(program_id, accounts, args),
        ix::ACCEPT_ADMIN => instructions::accept_admin::process(program_id, accounts, args),
        // Agent ledgers
        ix::REGISTER_AGENT => instructions::register_agent::process(program_id, accounts, args),
        ix::DEPOSIT => instructions::deposit::process(program_id, accounts, args),
        ix::SET_WITHDRAWAL_ADDRESS => instructions::set_withdrawal_address::process(program_id, accounts, args),
        ix::WITHDRAW => instructions::withdraw::process(program_id, accounts, args),
        ix::PANIC => instructions::panic::process(program_id, accounts, args),
        ix::PIN_EMERGENCY_ADDRESS => instructions::pin_emergency_address::process(program_id, accounts, args),
        // Jobs and disputes
        ix::CREATE_JOB => instructions::create_job::process(program_id, accounts, args),
        ix::ASSIGN_PROVIDER => instructions::assign_provider::process(program_id, accounts, args),
        ix::ACCEPT_JOB => instructions::accept_job::process(program_id, accounts, args),
        ix::MARK_DELIVERED => instructions::mark_delivered::process(program_id, accounts, args),
        ix::RELEASE => instructions::release::process(program_id, accounts, args),
        ix::REFUND => instructions::refund::process(program_id, accounts, args),
        ix::OPEN_DISPUTE => instructions::open_dispute::process(program_id, accounts, args),
        ix::RESOLVE_DISPUTE => instructions::resolve_dispute::process(program_id, accounts, args),
        // Campaigns
        ix::CREATE_CAMPAIGN => instructions::create_campaign::process(program_id, accounts, args),
        ix::CLAIM_TASK => instructions::claim_task::process(program_id, accounts, args),
        ix::DELIVER_TASK => instructions::deliver_task::process(program_id, accounts, args),
        ix::ACCEPT_TASK => instructions::accept_task::process(program_id, accounts, args),
        ix::REJECT_TASK => instructions::reject_task::process(program_id, accounts, args),
        ix::EXPIRE_TASK => instructions::expire_task::process(program_id, accounts, args),
        ix::TOP_UP_CAMPAIGN => instructions::top_up_campaign::process(program_id, accounts, args),
        ix::PAUSE_CAMPAIGN => instructions::pause_campaign::process(program_id, accounts, args),
        ix::RESUME_CAMPAIGN => instructions::resume_campaign::process(program_id, accounts, args),
        ix::CANCEL_CAMPAIGN => instructions::cancel_campaign::process(program_id, accounts, args),
        ix::CLOSE_CAMPAIGN => instructions::close_campaign::process(program_id, accounts, args),
        ix::CLOSE_QUOTA => instructions::close_quota::process(program_id, accounts, args),
        _ => Err(EscrowError::InvalidInstruction),
    }
}
