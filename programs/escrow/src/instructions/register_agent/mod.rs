//! Creates the ledger of a custodial wallet. The platform's fee payer pays the rent so
//! agents only ever need USDC.

use crate::checks;
use crate::error::EscrowError;
use crate::events::{AgentRegistered, Event};
use crate::runtime::{AccountInfo, Pubkey, cpi, find_program_address};
use crate::state::agent::AGENT_SEED;
use crate::state::{AccountState, Agent};

/// Accounts:
/// 0. `[signer, writable]` payer — pays the ledger's rent
/// 1. `[signer]` wallet — the agent's custodial wallet
/// 2. `[writable]` agent — PDA `["agent", wallet]`, created here
/// 3. `[]` system_program
pub fn process(program_id: &Pubkey, accounts: &[AccountInfo], data: &[u8]) -> Result<(), EscrowError> {
    let [payer, wallet, agent_account, system_program, ..] = accounts else {
        return Err(EscrowError::NotEnoughAccounts);
    };
    if !data.is_empty() {
        return Err(EscrowError::InvalidInstruction);
    }
    checks::signer(payer)?;
    checks::signer(wallet)?;
    checks::writable(payer)?;
    checks::system_program(system_program)?;
    checks::uninitialized(agent_account)?;

    // One ledger per wallet: only the canonical bump is accepted. Registration happens once
    // per agent, so the bump search is affordable here.
    let (address, bump) = find_program_address(&[AGENT_SEED, wallet.key()], program_id).ok_or(EscrowError::InvalidAddress)?;
    if &address != agent_account.key() {
        return Err(EscrowError::InvalidAddress);
    }
    let bump_seed = [bump];
    cpi::create_pda(
        payer,
        agent_account,
        &cpi::NewPda { space: Agent::SPACE, owner: program_id, seeds: &[AGENT_SEED, wallet.key(), &bump_seed] },
    )?;

    let agent = Agent::init(agent_account);
    agent.wallet = *wallet.key();
    agent.bump = bump;
    AgentRegistered { wallet: agent.wallet, agent: *agent_account.key() }.emit();
    Ok(())
}
