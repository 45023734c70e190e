//! The arbiter rules on a disputed job and settles it. The side that wins takes everything
//! a normal ending would give it: the client a full refund of amount and fee, the provider
//! the amount (the fee goes to the platform). A split gives the provider half the amount
//! and the platform half the fee, both rounded down; the rest goes back to the client.

use crate::checks;
use crate::error::EscrowError;
use crate::events::JobOutcome;
use crate::instructions::parse_args;
use crate::instructions::settlement::{Payout, Recipients, settle};
use crate::runtime::{AccountInfo, Pubkey};
use crate::state::job::{DisputeOutcome, DisputeParty, JobStatus};
use crate::state::{AccountState, Agent, Config, Job};

/// Accounts:
/// 0. `[signer]` arbiter — the configured arbiter
/// 1. `[writable]` job
/// 2. `[writable]` client_agent — PDA `["agent", job.client]`; the client's ledger
/// 3. `[writable]` provider_agent — PDA `["agent", job.provider]`; the provider's ledger
/// 4. `[writable]` config — PDA `["config"]`; receives the platform's share
/// 5. `[writable]` rent_payer — the job's rent payer, refunded its rent
#[repr(C, packed)]
#[derive(Clone, Copy)]
pub struct Args {
    /// [`DisputeOutcome`], relative to the party that filed
    pub outcome: u8,
}

pub fn process(program_id: &Pubkey, accounts: &[AccountInfo], data: &[u8]) -> Result<(), EscrowError> {
    let [arbiter, job_account, client_account, provider_account, config_account, rent_payer, ..] = accounts else {
        return Err(EscrowError::NotEnoughAccounts);
    };
    let args: Args = parse_args(data)?;
    let ruling = DisputeOutcome::from_u8(args.outcome)?;

    // Signers, writability, types, then relations.
    checks::signer(arbiter)?;
    checks::writable(rent_payer)?;
    let job = Job::load_writable(job_account, program_id)?;
    let client = Agent::load_writable(client_account, program_id)?;
    let provider = Agent::load_writable(provider_account, program_id)?;
    let config = Config::load_writable(config_account, program_id)?;
    checks::authority(arbiter, &config.arbiter)?;
    client.require_wallet(&job.client)?;
    provider.require_wallet(&job.provider)?;
    job.require_rent_payer(rent_payer.key())?;
    job.require_status(JobStatus::Disputed)?;

    let claimant_is_client = job.claimant == DisputeParty::Client as u8;
    let payout = match ruling {
        DisputeOutcome::Split => Payout::split(job),
        DisputeOutcome::ClaimantWins if claimant_is_client => Payout::refund(job, JobOutcome::DisputeClientWon),
        DisputeOutcome::RespondentWins if !claimant_is_client => Payout::refund(job, JobOutcome::DisputeClientWon),
        _ => Payout::release(job, JobOutcome::DisputeProviderWon),
    };
    settle(
        job_account,
        job,
        rent_payer,
        &payout,
        Recipients { provider: Some(provider), client: Some(client), config: Some(config) },
    )
}
