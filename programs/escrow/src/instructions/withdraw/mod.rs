//! Pays part of the agent's balance out to a token account owned by its withdrawal address.
//! The ledger is debited `amount`; the flat withdrawal fee stays in the vault as platform
//! fees and the rest is transferred. Refused without an address, during the cooldown that
//! follows an address change, and below the minimum. Works while the platform is paused.

use crate::checks;
use crate::error::EscrowError;
use crate::events::{Event, Withdrawn};
use crate::instructions::parse_args;
use crate::runtime::{AccountInfo, Pubkey, cpi, is_zero_key, keys_eq, unix_timestamp};
use crate::state::config::CONFIG_SEED;
use crate::state::{AccountState, Agent, Config};

/// Accounts:
/// 0. `[signer]` wallet — the agent's custodial wallet
/// 1. `[writable]` agent — PDA `["agent", wallet]`; the wallet's ledger
/// 2. `[writable]` config — PDA `["config"]`; receives the fee; signs for the vault
/// 3. `[writable]` vault
/// 4. `[writable]` destination — USDC token account owned by the agent's withdrawal address
/// 5. `[]` token_program
#[repr(C, packed)]
#[derive(Clone, Copy)]
pub struct Args {
    /// Debited from the ledger, fee included
    pub amount: u64,
}

pub fn process(program_id: &Pubkey, accounts: &[AccountInfo], data: &[u8]) -> Result<(), EscrowError> {
    let [wallet, agent_account, config_account, vault, destination, token_program, ..] = accounts else {
        return Err(EscrowError::NotEnoughAccounts);
    };
    let args: Args = parse_args(data)?;
    let amount = args.amount;

    // Signers, writability, program ids, types, then relations.
    checks::signer(wallet)?;
    checks::writable(destination)?;
    checks::token_program(token_program)?;
    let agent = Agent::load_writable(agent_account, program_id)?;
    let config = Config::load_writable(config_account, program_id)?;
    agent.require_wallet(wallet.key())?;
    checks::vault(vault, &config.vault)?;
    let to = checks::token_account(destination, &config.usdc_mint)?;
    if is_zero_key(&agent.withdrawal_address) {
        return Err(EscrowError::NoWithdrawalAddress);
    }
    if !keys_eq(to.owner, &agent.withdrawal_address) {
        return Err(EscrowError::PartyMismatch);
    }
    // A never-changed address has no cooldown; skip the clock read then.
    if agent.cooldown_until != 0 && unix_timestamp() < agent.cooldown_until {
        return Err(EscrowError::CooldownActive);
    }
    if amount < config.withdraw_minimum {
        return Err(EscrowError::BelowWithdrawMinimum);
    }

    // validate() keeps withdraw_minimum > withdraw_fee, so `net` is positive.
    let fee = config.withdraw_fee;
    let net = amount - fee;
    agent.pay_out(amount, net)?;
    config.fees_accrued = config.fees_accrued.checked_add(fee).ok_or(EscrowError::Overflow)?;

    let bump = [config.bump];
    cpi::token_transfer(
        &cpi::Transfer { token_program, from: vault, to: destination, authority: config_account, amount: net },
        &[CONFIG_SEED, &bump],
    )?;

    Withdrawn {
        wallet: agent.wallet,
        address: agent.withdrawal_address,
        destination: *destination.key(),
        amount,
        fee,
        available: agent.available,
    }
    .emit();
    Ok(())
}
