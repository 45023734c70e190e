//! Moves USDC from the agent's token account into the vault and credits its ledger. Unless
//! the agent pinned one, the first single deposit of at least the activation fee records
//! where it came from as the agent's emergency address: anyone can send dust to a public
//! wallet, so a smaller deposit never decides where panic pays. The deposit that brings the
//! total to the activation fee pays it once.

use crate::checks;
use crate::error::EscrowError;
use crate::events::{Deposited, Event};
use crate::instructions::parse_args;
use crate::runtime::{AccountInfo, Pubkey, cpi, is_zero_key};
use crate::state::{AccountState, Agent, Config};

/// Accounts:
/// 0. `[signer]` wallet — the agent's custodial wallet, authority of `source`
/// 1. `[signer]` operator — vouches that `source_owner` sent these funds
/// 2. `[writable]` agent — PDA `["agent", wallet]`; the wallet's ledger
/// 3. `[writable]` config — PDA `["config"]`
/// 4. `[writable]` source — the wallet's USDC token account
/// 5. `[writable]` vault
/// 6. `[]` token_program
#[repr(C, packed)]
#[derive(Clone, Copy)]
pub struct Args {
    pub amount: u64,
    /// Owner of the external account the USDC came from (found by the deposit scan)
    pub source_owner: Pubkey,
}

pub fn process(program_id: &Pubkey, accounts: &[AccountInfo], data: &[u8]) -> Result<(), EscrowError> {
    let [wallet, operator, agent_account, config_account, source, vault, token_program, ..] = accounts else {
        return Err(EscrowError::NotEnoughAccounts);
    };
    let args: Args = parse_args(data)?;
    let (amount, source_owner) = (args.amount, args.source_owner);

    checks::signer(wallet)?;
    checks::token_program(token_program)?;
    let config = Config::load_writable(config_account, program_id)?;
    checks::authority(operator, &config.operator)?;
    let agent = Agent::load_writable(agent_account, program_id)?;
    if &agent.wallet != wallet.key() {
        return Err(EscrowError::PartyMismatch);
    }
    checks::vault(vault, &config.vault)?;
    checks::writable(source)?;
    checks::token_account(source, &config.usdc_mint)?;
    if config.paused != 0 {
        return Err(EscrowError::ProgramPaused);
    }
    if amount == 0 || source_owner == [0; 32] {
        return Err(EscrowError::InvalidAmount);
    }
    if is_zero_key(&agent.emergency_address) && amount >= config.activation_fee {
        agent.set_emergency_address(&source_owner, config_account.key(), &config.vault)?;
    }

    cpi::token_transfer(&cpi::Transfer { token_program, from: source, to: vault, authority: wallet, amount }, &[])?;

    agent.total_deposited = agent.total_deposited.checked_add(amount).ok_or(EscrowError::Overflow)?;
    agent.credit(amount)?;
    let mut activation_fee = 0;
    // Activation is charged once, from the balance, when cumulative deposits reach the fee.
    // If earlier funds already left (a panic before activation), it waits for enough balance.
    if agent.activated == 0 && agent.total_deposited >= config.activation_fee && agent.available >= config.activation_fee {
        activation_fee = config.activation_fee;
        agent.debit(activation_fee)?;
        config.fees_accrued = config.fees_accrued.checked_add(activation_fee).ok_or(EscrowError::Overflow)?;
        agent.activated = 1;
    }

    Deposited {
        wallet: agent.wallet,
        source_owner,
        emergency_address: agent.emergency_address,
        amount,
        activation_fee,
        available: agent.available,
    }
    .emit();
    Ok(())
}
