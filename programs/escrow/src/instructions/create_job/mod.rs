//! Creates a job and locks `amount + fee` from the client's ledger into it. A direct job
//! names its provider and starts Funded (waiting for the provider to accept) or Accepted;
//! an open job has no provider yet and starts Open until the client assigns one before
//! `apply_by`. The operator co-signs because off-chain policy decides who may hire whom
//! (trust thresholds, client restrictions).

use crate::checks;
use crate::error::EscrowError;
use crate::events::{Event, JobCreated};
use crate::instructions::parse_args;
use crate::runtime::{AccountInfo, Pubkey, cpi, is_zero_key, unix_timestamp};
use crate::state::job::{DisputeParty, JOB_BUMP, JOB_SEED, JobStatus, MAX_JOB_HORIZON};
use crate::state::{AccountState, Agent, Config, Job};
use crate::Bool;

/// Accounts:
/// 0. `[signer, writable]` payer — pays the job's rent and gets it back when the job closes
/// 1. `[signer]` client — the client agent's custodial wallet
/// 2. `[signer]` operator — vouches that off-chain policy allows this job
/// 3. `[writable]` client_agent — PDA `["agent", client]`; the client's ledger, debited `amount + fee`
/// 4. `[]` config — PDA `["config"]`
/// 5. `[writable]` job — PDA `["job", client, id as u64 LE]` at bump 255, created here
/// 6. `[]` system_program
/// 7. `[]` provider_agent — PDA `["agent", provider]`; the provider's registered ledger for a direct job; ignored for an open job
#[repr(C, packed)]
#[derive(Clone, Copy)]
pub struct Args {
    /// Client-chosen id, unique per client
    pub id: u64,
    /// The provider's wallet for a direct job; zero for an open job
    pub provider: Pubkey,
    /// Paid to the provider on completion; the fee comes on top
    pub amount: u64,
    /// Open jobs: last second to assign a provider; ignored for direct jobs
    pub apply_by: i64,
    /// Last second to deliver
    pub deliver_by: i64,
    /// Direct jobs: start Funded and wait for the provider to accept
    pub requires_acceptance: Bool,
    /// Bump of the job PDA: always 255 (pick an id whose bump-255 address exists)
    pub bump: u8,
}

#[inline(never)]
pub fn process(program_id: &Pubkey, accounts: &[AccountInfo], data: &[u8]) -> Result<(), EscrowError> {
    let [payer, client, operator, client_account, config_account, job_account, system_program, provider_account, ..] =
        accounts
    else {
        return Err(EscrowError::NotEnoughAccounts);
    };
    let args: Args = parse_args(data)?;
    let (id, provider, amount, apply_by, deliver_by) = (args.id, args.provider, args.amount, args.apply_by, args.deliver_by);

    // Signers, writability, program ids, types, then relations.
    checks::signer(payer)?;
    checks::signer(client)?;
    checks::signer(operator)?;
    checks::writable(payer)?;
    checks::system_program(system_program)?;
    checks::uninitialized(job_account)?;
    // One job per (client, id): see `JOB_BUMP`.
    if args.bump != JOB_BUMP {
        return Err(EscrowError::InvalidAddress);
    }
    let client_agent = Agent::load_writable(client_account, program_id)?;
    let config = Config::load(config_account, program_id)?;
    checks::authority(operator, &config.operator)?;
    client_agent.require_wallet(client.key())?;

    // Platform and job rules.
    if config.paused != 0 {
        return Err(EscrowError::ProgramPaused);
    }
    if client_agent.activated == 0 {
        return Err(EscrowError::AgentNotActivated);
    }
    // At least `min_job_amount` (validated ≥ 1), so that every job pays a fee.
    if amount < config.min_job_amount {
        return Err(EscrowError::InvalidAmount);
    }
    let now = unix_timestamp();
    // Open jobs also have `apply_by < deliver_by`, so this bounds both deadlines.
    if deliver_by > now + MAX_JOB_HORIZON {
        return Err(EscrowError::InvalidDeadline);
    }
    let open = is_zero_key(&provider);
    let (status, apply_by) = if open {
        if apply_by <= now || deliver_by <= apply_by {
            return Err(EscrowError::InvalidDeadline);
        }
        (JobStatus::Open, apply_by)
    } else {
        if deliver_by <= now {
            return Err(EscrowError::InvalidDeadline);
        }
        Agent::require_registered(provider_account, &provider, program_id)?;
        // A wallet has one ledger, so hiring oneself means naming one's own ledger, and the
        // loader hands a repeated account over as the same memory: two loads instead of a
        // key comparison. (An open job's zero provider is never the client: the client signed.)
        if provider_account.data_ptr() == client_account.data_ptr() {
            return Err(EscrowError::SelfDealing);
        }
        let status = if args.requires_acceptance != 0 { JobStatus::Funded } else { JobStatus::Accepted };
        (status, 0)
    };
    let fee = config.platform_fee(amount).ok_or(EscrowError::Overflow)?;
    let locked = amount.checked_add(fee).ok_or(EscrowError::Overflow)?;
    client_agent.debit(locked)?;

    // The system program refuses unless the seeds derive `job`, which proves the address;
    // at bump 255 that also proves the bump canonical (see `JOB_BUMP`).
    let id_seed = id.to_le_bytes();
    let bump = [JOB_BUMP];
    cpi::create_pda(
        payer,
        job_account,
        &cpi::NewPda { space: Job::SPACE, owner: program_id, seeds: &[JOB_SEED, client.key(), &id_seed, &bump] },
    )?;

    let job = Job::init(job_account);
    job.client = *client.key();
    job.provider = provider;
    job.rent_payer = *payer.key();
    job.id = id;
    job.amount = amount;
    job.fee = fee;
    job.apply_by = apply_by;
    job.deliver_by = deliver_by;
    job.status = status as u8;
    job.claimant = DisputeParty::None as u8;
    job.bump = JOB_BUMP;

    JobCreated {
        job: *job_account.key(),
        client: job.client,
        provider,
        id,
        amount,
        fee,
        apply_by,
        deliver_by,
        status: status as u8,
        reserved: [0; 7],
    }
    .emit();
    Ok(())
}
