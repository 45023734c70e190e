//! The provider of a direct job that requires acceptance takes it on, before `deliver_by`.

use crate::checks;
use crate::error::EscrowError;
use crate::events::{Event, JobAccepted};
use crate::runtime::{AccountInfo, Pubkey, unix_timestamp};
use crate::state::job::JobStatus;
use crate::state::{AccountState, Job};

/// Accounts:
/// 0. `[signer]` provider — the job's provider wallet
/// 1. `[writable]` job
#[inline(never)]
pub fn process(program_id: &Pubkey, accounts: &[AccountInfo], data: &[u8]) -> Result<(), EscrowError> {
    let [provider, job_account, ..] = accounts else {
        return Err(EscrowError::NotEnoughAccounts);
    };
    if !data.is_empty() {
        return Err(EscrowError::InvalidInstruction);
    }

    checks::signer(provider)?;
    let job = Job::load_writable(job_account, program_id)?;
    job.require_provider(provider.key())?;
    job.require_status(JobStatus::Funded)?;
    if unix_timestamp() > job.deliver_by {
        return Err(EscrowError::DeadlinePassed);
    }

    job.status = JobStatus::Accepted as u8;
    JobAccepted { job: *job_account.key(), provider: job.provider }.emit();
    Ok(())
}
