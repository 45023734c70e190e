//! The end of every job: who gets what, closing the account, and the terminal event. Shared
//! by release, refund and resolve_dispute so that all three close jobs the same way.

use crate::error::EscrowError;
use crate::events::{Event, JobOutcome, JobSettled};
use crate::runtime::AccountInfo;
use crate::state::{Agent, Config, Job};

/// How a job's `amount + fee` is divided. The parts always add up to the whole.
pub struct Payout {
    pub to_provider: u64,
    pub to_client: u64,
    pub to_platform: u64,
    pub outcome: JobOutcome,
}

impl Payout {
    /// The provider is paid and the platform keeps the fee.
    #[inline(always)]
    pub fn release(job: &Job, outcome: JobOutcome) -> Self {
        Payout { to_provider: job.amount, to_client: 0, to_platform: job.fee, outcome }
    }

    /// Everything, fee included, goes back to the client.
    #[inline(always)]
    pub fn refund(job: &Job, outcome: JobOutcome) -> Self {
        Payout { to_provider: 0, to_client: job.locked(), to_platform: 0, outcome }
    }

    /// Half the amount to the provider and half the fee to the platform, both rounded down;
    /// the client gets the rest, so no micro-unit is lost.
    #[inline(always)]
    pub fn split(job: &Job) -> Self {
        let to_provider = job.amount / 2;
        let to_platform = job.fee / 2;
        let to_client = job.locked() - to_provider - to_platform;
        Payout { to_provider, to_client, to_platform, outcome: JobOutcome::DisputeSplit }
    }
}

/// The ledgers a payout may credit; `None` where the payout gives that side nothing.
pub struct Recipients<'a> {
    pub provider: Option<&'a mut Agent>,
    pub client: Option<&'a mut Agent>,
    pub config: Option<&'a mut Config>,
}

/// Credits the payout, closes the job (rent back to `rent_payer`, already checked against
/// `job.rent_payer`) and emits `JobSettled`.
#[inline(always)]
pub fn settle(job_account: &AccountInfo, job: &Job, rent_payer: &AccountInfo, payout: &Payout, to: Recipients) -> Result<(), EscrowError> {
    if let Some(provider) = to.provider {
        provider.credit(payout.to_provider)?;
    }
    if let Some(client) = to.client {
        client.credit(payout.to_client)?;
    }
    if let Some(config) = to.config {
        config.fees_accrued = config.fees_accrued.checked_add(payout.to_platform).ok_or(EscrowError::Overflow)?;
    }
    let event = JobSettled {
        job: *job_account.key(),
        client: job.client,
        provider: job.provider,
        id: job.id,
        to_provider: payout.to_provider,
        to_client: payout.to_client,
        to_platform: payout.to_platform,
        outcome: payout.outcome as u8,
        reserved: [0; 7],
    };
    // `job` lives in the account data, which closing wipes: the event is built first.
    job_account.close_to(rent_payer);
    event.emit();
    Ok(())
}
