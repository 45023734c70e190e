//! Sets where the agent's withdrawals go. The first address takes effect at once; changing
//! it locks withdrawals for `config.cooldown_seconds` (24 h), so an attacker with a stolen
//! key cannot redirect funds before the agent notices and panics. Setting the current
//! address again changes nothing and emits nothing.

use crate::checks;
use crate::error::EscrowError;
use crate::events::{Event, WithdrawalAddressSet};
use crate::instructions::parse_args;
use crate::runtime::{AccountInfo, Pubkey, is_zero_key, keys_eq, unix_timestamp};
use crate::state::{AccountState, Agent, Config};

/// Accounts:
/// 0. `[signer]` wallet — the agent's custodial wallet
/// 1. `[writable]` agent — PDA `["agent", wallet]`; the wallet's ledger
/// 2. `[]` config — PDA `["config"]`
#[repr(C, packed)]
#[derive(Clone, Copy)]
pub struct Args {
    /// Owner of the token accounts withdrawals may pay to
    pub address: Pubkey,
}

pub fn process(program_id: &Pubkey, accounts: &[AccountInfo], data: &[u8]) -> Result<(), EscrowError> {
    let [wallet, agent_account, config_account, ..] = accounts else {
        return Err(EscrowError::NotEnoughAccounts);
    };
    let args: Args = parse_args(data)?;
    let address = args.address;

    checks::signer(wallet)?;
    let agent = Agent::load_writable(agent_account, program_id)?;
    let config = Config::load(config_account, program_id)?;
    agent.require_wallet(wallet.key())?;
    // The config PDA owns the vault: "withdrawing" to it would strand funds as surplus.
    if is_zero_key(&address) || keys_eq(&address, config_account.key()) {
        return Err(EscrowError::InvalidWithdrawalAddress);
    }

    let previous = agent.withdrawal_address;
    if !agent.set_withdrawal_address(&address, unix_timestamp(), config.cooldown_seconds)? {
        return Ok(());
    }
    WithdrawalAddressSet { wallet: agent.wallet, address, previous, cooldown_until: agent.cooldown_until }.emit();
    Ok(())
}
