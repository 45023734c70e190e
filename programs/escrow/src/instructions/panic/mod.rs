//! Emergency exit: sends the agent's whole available balance to a token account owned by
//! its emergency address (pinned by the agent, or the source of its first deposit of at
//! least the activation fee). No cooldown, minimum or fee,
//! and nothing the agent's key or the operator controls can change the destination, so a
//! stolen key gains nothing from calling it. The agent stays active.

use crate::checks;
use crate::error::EscrowError;
use crate::events::{Event, Panicked};
use crate::runtime::{AccountInfo, Pubkey, cpi, is_zero_key, keys_eq};
use crate::state::config::CONFIG_SEED;
use crate::state::{AccountState, Agent, Config};

/// Accounts:
/// 0. `[signer]` wallet — the agent's custodial wallet
/// 1. `[writable]` agent — PDA `["agent", wallet]`; the wallet's ledger
/// 2. `[]` config — PDA `["config"]`; signs for the vault
/// 3. `[writable]` vault
/// 4. `[writable]` destination — USDC token account owned by the agent's emergency address
/// 5. `[]` token_program
pub fn process(program_id: &Pubkey, accounts: &[AccountInfo], data: &[u8]) -> Result<(), EscrowError> {
    let [wallet, agent_account, config_account, vault, destination, token_program, ..] = accounts else {
        return Err(EscrowError::NotEnoughAccounts);
    };
    if !data.is_empty() {
        return Err(EscrowError::InvalidInstruction);
    }

    // Signers, writability, program ids, types, then relations.
    checks::signer(wallet)?;
    checks::writable(destination)?;
    checks::token_program(token_program)?;
    let agent = Agent::load_writable(agent_account, program_id)?;
    let config = Config::load(config_account, program_id)?;
    agent.require_wallet(wallet.key())?;
    checks::vault(vault, &config.vault)?;
    let to = checks::token_account(destination, &config.usdc_mint)?;
    if is_zero_key(&agent.emergency_address) {
        return Err(EscrowError::NoEmergencyAddress);
    }
    if !keys_eq(to.owner, &agent.emergency_address) {
        return Err(EscrowError::PartyMismatch);
    }
    let amount = agent.available;
    if amount == 0 {
        return Err(EscrowError::InsufficientFunds);
    }

    agent.pay_out(amount, amount)?;
    let bump = [config.bump];
    cpi::token_transfer(
        &cpi::Transfer { token_program, from: vault, to: destination, authority: config_account, amount },
        &[CONFIG_SEED, &bump],
    )?;

    Panicked {
        wallet: agent.wallet,
        emergency_address: agent.emergency_address,
        destination: *destination.key(),
        amount,
    }
    .emit();
    Ok(())
}
