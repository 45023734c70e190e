//! The loader's entry: parse the input, dispatch on the Anchor instruction discriminator.

use crate::error::EscrowError;
use crate::generated::instruction as ix;
use crate::instructions;
use crate::runtime::{Input, input};
use core::mem::MaybeUninit;

#[unsafe(no_mangle)]
pub unsafe extern "C" fn entrypoint(raw: *mut u8) -> u64 {
    let mut accounts = [const { MaybeUninit::uninit() }; input::MAX_ACCOUNTS];
    let input = unsafe { input::parse(raw, &mut accounts) };
    match dispatch(&input) {
        Ok(()) => 0,
        Err(e) => e.into(),
    }
}

fn dispatch(input: &Input) -> Result<(), EscrowError> {
    let Some((tag, args)) = input.data.split_first_chunk::<8>() else {
        return Err(EscrowError::InvalidInstruction);
    };
    let (accounts, program_id) = (input.accounts, input.program_id);
    match u64::from_le_bytes(*tag) {
        // Platform
        ix::INITIALIZE_CONFIG => instructions::initialize_config::process(program_id, accounts, args),
        // Agent ledgers
        ix::REGISTER_AGENT => instructions::register_agent::process(program_id, accounts, args),
        ix::DEPOSIT => instructions::deposit::process(program_id, accounts, args),
        // Jobs and disputes
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
