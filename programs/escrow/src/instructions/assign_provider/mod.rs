//! The client of an open job picks its provider (an applicant, chosen off-chain) before
//! `apply_by`. The job becomes Accepted: the provider applied, so it has agreed already.
//! The provider must have a ledger, or the job could never be released or ruled on.

use crate::checks;
use crate::error::EscrowError;
use crate::events::{Event, ProviderAssigned};
use crate::instructions::parse_args;
use crate::runtime::{AccountInfo, Pubkey, is_zero_key, keys_eq, unix_timestamp};
use crate::state::job::JobStatus;
use crate::state::{AccountState, Agent, Job};

/// Accounts:
/// 0. `[signer]` client — the job's client wallet
/// 1. `[writable]` job
/// 2. `[]` provider_agent — PDA `["agent", provider]`; the chosen provider's registered ledger
#[repr(C, packed)]
#[derive(Clone, Copy)]
pub struct Args {
    /// The chosen provider's wallet
    pub provider: Pubkey,
}

pub fn process(program_id: &Pubkey, accounts: &[AccountInfo], data: &[u8]) -> Result<(), EscrowError> {
    let [client, job_account, provider_account, ..] = accounts else {
        return Err(EscrowError::NotEnoughAccounts);
    };
    let args: Args = parse_args(data)?;
    let provider = args.provider;

    checks::signer(client)?;
    let job = Job::load_writable(job_account, program_id)?;
    job.require_client(client.key())?;
    job.require_status(JobStatus::Open)?;
    if is_zero_key(&provider) {
        return Err(EscrowError::MissingProvider);
    }
    if keys_eq(&provider, client.key()) {
        return Err(EscrowError::SelfDealing);
    }
    if unix_timestamp() > job.apply_by {
        return Err(EscrowError::DeadlinePassed);
    }
    Agent::require_registered(provider_account, &provider, program_id)?;

    job.provider = provider;
    job.status = JobStatus::Accepted as u8;
    ProviderAssigned { job: *job_account.key(), client: job.client, provider }.emit();
    Ok(())
}
