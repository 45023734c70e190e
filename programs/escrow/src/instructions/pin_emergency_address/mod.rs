//! The agent chooses where `panic` pays before any deposit can decide it for them. An
//! agent's wallet is public, so without a pinned address a stranger's deposit of the
//! activation fee could become the emergency address. Signed by the agent's own wallet,
//! allowed only while nothing has been deposited and no address is recorded; once pinned,
//! no deposit changes it.

use crate::checks;
use crate::error::EscrowError;
use crate::events::{EmergencyAddressPinned, Event};
use crate::instructions::parse_args;
use crate::runtime::{AccountInfo, Pubkey, is_zero_key};
use crate::state::{AccountState, Agent, Config};

/// Accounts:
/// 0. `[signer]` wallet — the agent's custodial wallet
/// 1. `[writable]` agent — PDA `["agent", wallet]`; the wallet's ledger
/// 2. `[]` config — PDA `["config"]`
#[repr(C, packed)]
#[derive(Clone, Copy)]
pub struct Args {
    /// Owner of the token accounts panic will pay to
    pub address: Pubkey,
}

pub fn process(program_id: &Pubkey, accounts: &[AccountInfo], data: &[u8]) -> Result<(), EscrowError> {
    let [wallet, agent_account, config_account, ..] = accounts else {
        return Err(EscrowError::NotEnoughAccounts);
    };
    let args: Args = parse_args(data)?;

    checks::signer(wallet)?;
    let agent = Agent::load_writable(agent_account, program_id)?;
    let config = Config::load(config_account, program_id)?;
    agent.require_wallet(wallet.key())?;
    if agent.total_deposited != 0 || !is_zero_key(&agent.emergency_address) {
        return Err(EscrowError::EmergencyAddressLocked);
    }

    agent.set_emergency_address(&args.address, config_account.key(), &config.vault)?;
    EmergencyAddressPinned { wallet: agent.wallet, address: agent.emergency_address }.emit();
    Ok(())
}
