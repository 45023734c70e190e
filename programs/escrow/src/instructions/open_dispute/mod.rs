//! The client or the provider disputes a delivery before `review_by`. The claimant pays a
//! non-refundable fee (a share of the amount, clamped to the configured minimum and
//! maximum) from its available balance, and the job freezes until the arbiter rules. The
//! operator co-signs because off-chain policy may bar serial disputers.

use crate::checks;
use crate::error::EscrowError;
use crate::events::{DisputeOpened, Event};
use crate::instructions::parse_args;
use crate::runtime::{AccountInfo, Pubkey, unix_timestamp};
use crate::state::job::{DisputeParty, JobStatus};
use crate::state::{AccountState, Agent, Config, Job};

/// Accounts:
/// 0. `[signer]` claimant — the client's or the provider's wallet
/// 1. `[signer]` operator — vouches that off-chain policy allows this dispute
/// 2. `[writable]` claimant_agent — PDA `["agent", claimant]`; the claimant's ledger, which pays the dispute fee
/// 3. `[writable]` job
/// 4. `[writable]` config — PDA `["config"]`; receives the dispute fee
#[repr(C, packed)]
#[derive(Clone, Copy)]
pub struct Args {
    /// Hash of the off-chain reason and description
    pub reason_hash: [u8; 32],
}

pub fn process(program_id: &Pubkey, accounts: &[AccountInfo], data: &[u8]) -> Result<(), EscrowError> {
    let [claimant, operator, claimant_account, job_account, config_account, ..] = accounts else {
        return Err(EscrowError::NotEnoughAccounts);
    };
    let args: Args = parse_args(data)?;

    // Signers, types, then relations.
    checks::signer(claimant)?;
    checks::signer(operator)?;
    let claimant_agent = Agent::load_writable(claimant_account, program_id)?;
    let job = Job::load_writable(job_account, program_id)?;
    let config = Config::load_writable(config_account, program_id)?;
    checks::authority(operator, &config.operator)?;
    claimant_agent.require_wallet(claimant.key())?;
    let party = job.party_of(claimant.key())?;
    job.require_status(JobStatus::Delivered)?;
    if unix_timestamp() > job.review_by {
        return Err(EscrowError::DeadlinePassed);
    }

    let fee = config.dispute_fee(job.amount).ok_or(EscrowError::Overflow)?;
    claimant_agent.debit(fee)?;
    config.fees_accrued = config.fees_accrued.checked_add(fee).ok_or(EscrowError::Overflow)?;
    job.status = JobStatus::Disputed as u8;
    job.claimant = party as u8;

    DisputeOpened {
        job: *job_account.key(),
        claimant: *claimant.key(),
        reason_hash: args.reason_hash,
        fee,
        party: party as u8,
        reserved: [0; 7],
    }
    .emit();
    Ok(())
}
