//! The provider delivers before `deliver_by`, recording a hash of the output. The client
//! then has `config.review_window_seconds` to accept or dispute; after `review_by` anyone
//! may release the payment.

use crate::checks;
use crate::error::EscrowError;
use crate::events::{Event, JobDelivered};
use crate::instructions::parse_args;
use crate::runtime::{AccountInfo, Pubkey, unix_timestamp};
use crate::state::job::JobStatus;
use crate::state::{AccountState, Config, Job};

/// Accounts:
/// 0. `[signer]` provider — the job's provider wallet
/// 1. `[writable]` job
/// 2. `[]` config — PDA `["config"]`
#[repr(C, packed)]
#[derive(Clone, Copy)]
pub struct Args {
    /// Hash of the delivered output, kept as evidence for disputes
    pub output_hash: [u8; 32],
}

pub fn process(program_id: &Pubkey, accounts: &[AccountInfo], data: &[u8]) -> Result<(), EscrowError> {
    let [provider, job_account, config_account, ..] = accounts else {
        return Err(EscrowError::NotEnoughAccounts);
    };
    let args: Args = parse_args(data)?;

    checks::signer(provider)?;
    let job = Job::load_writable(job_account, program_id)?;
    let config = Config::load(config_account, program_id)?;
    job.require_provider(provider.key())?;
    job.require_status(JobStatus::Accepted)?;
    let now = unix_timestamp();
    if now > job.deliver_by {
        return Err(EscrowError::DeadlinePassed);
    }

    job.output_hash = args.output_hash;
    job.review_by = now.checked_add(config.review_window_seconds).ok_or(EscrowError::Overflow)?;
    job.status = JobStatus::Delivered as u8;
    JobDelivered { job: *job_account.key(), provider: job.provider, output_hash: job.output_hash, review_by: job.review_by }
        .emit();
    Ok(())
}
