//! An agent claims one task of a campaign: `reward + fee` moves from the pool into a new
//! task account that the agent must deliver on before `expires_at`. The operator co-signs,
//! vouching for the off-chain rules (the campaign's minimum trust score); the per-agent,
//! daily and concurrency limits are enforced here.

use crate::checks;
use crate::error::EscrowError;
use crate::events::{Event, TaskClaimed};
use crate::instructions::{campaign_common, parse_args};
use crate::runtime::{AccountInfo, Pubkey, cpi, key, pda, unix_timestamp};
use crate::state::campaign::SECONDS_PER_DAY;
use crate::state::fast_load::FastLoad;
use crate::state::quota::QUOTA_SEED;
use crate::state::task::TASK_SEED;
use crate::state::{AccountState, Agent, Campaign, CampaignQuota, CampaignStatus, Config, Task, TaskStatus};

/// Accounts:
/// 0. `[signer, writable]` payer — pays the task's rent, and the quota's on the agent's first claim
/// 1. `[signer]` wallet — the claiming agent's wallet
/// 2. `[signer]` operator — vouches that the agent meets the campaign's minimum trust score
/// 3. `[]` agent — PDA `["agent", wallet]`; the claimant's ledger, which must be activated
/// 4. `[]` config — PDA `["config"]`
/// 5. `[writable]` campaign
/// 6. `[writable]` quota — PDA `["quota", campaign, wallet]`; created by the agent's first claim
/// 7. `[writable]` task — PDA `["task", quota, quota.total_claims as u32 LE]`, created here
/// 8. `[]` system_program
#[repr(C, packed)]
#[derive(Clone, Copy)]
pub struct Args {
    /// Bump of the task PDA
    pub task_bump: u8,
    /// Canonical bump of the quota PDA; read only when the quota is created
    pub quota_bump: u8,
}

pub fn process(program_id: &Pubkey, accounts: &[AccountInfo], data: &[u8]) -> Result<(), EscrowError> {
    let [
        payer,
        wallet,
        operator,
        agent_account,
        config_account,
        campaign_account,
        quota_account,
        task_account,
        system_program,
        ..,
    ] = accounts
    else {
        return Err(EscrowError::NotEnoughAccounts);
    };
    let args: Args = parse_args(data)?;

    checks::signer(payer)?;
    checks::signer(wallet)?;
    checks::writable(payer)?;
    checks::writable(quota_account)?;
    campaign_common::system_program(system_program)?;
    campaign_common::uninitialized(task_account)?;
    let config = Config::view(config_account, program_id)?;
    checks::signer(operator)?;
    if !key::eq(operator.key(), &config.operator) {
        return Err(EscrowError::Unauthorized);
    }
    let agent = Agent::view(agent_account, program_id)?;
    if !key::eq(&agent.wallet, wallet.key()) {
        return Err(EscrowError::PartyMismatch);
    }
    let campaign = Campaign::view_writable(campaign_account, program_id)?;

    if config.paused != 0 {
        return Err(EscrowError::ProgramPaused);
    }
    if agent.activated == 0 {
        return Err(EscrowError::AgentNotActivated);
    }
    if key::eq(&campaign.owner, wallet.key()) {
        return Err(EscrowError::SelfDealing);
    }
    if !campaign.is(CampaignStatus::Active) {
        return Err(if campaign.is(CampaignStatus::Completed) {
            EscrowError::CampaignBudgetExhausted
        } else {
            EscrowError::CampaignNotActive
        });
    }
    let now = unix_timestamp();
    if now >= campaign.ends_at {
        return Err(EscrowError::CampaignEnded);
    }
    let cost = campaign.task_cost();
    if campaign.pool < cost {
        return Err(EscrowError::CampaignBudgetExhausted);
    }
    if campaign.active_claims >= campaign.max_concurrent_claims {
        return Err(EscrowError::MaxConcurrentClaims);
    }

    let today = (now as u64 / SECONDS_PER_DAY) as u32;
    let quota = if key::is_zero(quota_account.owner()) && quota_account.data_len() == 0 {
        // One quota per agent and campaign, or the limits could be reset with another bump.
        let seeds = [QUOTA_SEED, campaign_account.key(), wallet.key()];
        if !pda::is_canonical_bump(&seeds, args.quota_bump, program_id) {
            return Err(EscrowError::InvalidAddress);
        }
        let bump = [args.quota_bump];
        cpi::create_pda(
            payer,
            quota_account,
            &cpi::NewPda {
                space: CampaignQuota::SPACE,
                owner: program_id,
                seeds: &[QUOTA_SEED, campaign_account.key(), wallet.key(), &bump],
            },
        )?;
        let quota = CampaignQuota::init(quota_account);
        quota.campaign = key::read(campaign_account.key());
        quota.agent = key::read(wallet.key());
        quota.rent_payer = key::read(payer.key());
        quota.day = today;
        quota.bump = args.quota_bump;
        quota
    } else {
        let quota = CampaignQuota::view(quota_account, program_id)?;
        if !key::eq(&quota.campaign, campaign_account.key()) || !key::eq(&quota.agent, wallet.key()) {
            return Err(EscrowError::PartyMismatch);
        }
        quota
    };
    if campaign.max_per_agent != 0 && quota.total_claims >= campaign.max_per_agent {
        return Err(EscrowError::MaxPerAgentReached);
    }
    if quota.day != today {
        quota.day = today;
        quota.claims_today = 0;
    }
    if campaign.daily_limit != 0 && quota.claims_today >= campaign.daily_limit {
        return Err(EscrowError::DailyLimitReached);
    }

    let index = quota.total_claims;
    let index_seed = index.to_le_bytes();
    let bump = [args.task_bump];
    cpi::create_pda(
        payer,
        task_account,
        &cpi::NewPda {
            space: Task::SPACE,
            owner: program_id,
            seeds: &[TASK_SEED, quota_account.key(), &index_seed, &bump],
        },
    )?;
    // The build has no overflow checks: counters that gate limits use checked arithmetic,
    // so no bug can wrap one into letting claims through (or blocking them) for good.
    quota.total_claims = index.checked_add(1).ok_or(EscrowError::Overflow)?;
    quota.claims_today = quota.claims_today.checked_add(1).ok_or(EscrowError::Overflow)?;
    campaign.pool = campaign.pool.checked_sub(cost).ok_or(EscrowError::CampaignBudgetExhausted)?;
    campaign.active_claims = campaign.active_claims.checked_add(1).ok_or(EscrowError::Overflow)?;

    let expires_at = now + campaign.claim_timeout as i64;
    let task = Task::init(task_account);
    task.campaign = key::read(campaign_account.key());
    task.agent = key::read(wallet.key());
    task.rent_payer = key::read(payer.key());
    task.amount = campaign.reward;
    task.fee = campaign.fee;
    task.expires_at = expires_at;
    task.index = index;
    task.status = TaskStatus::Claimed as u8;
    task.bump = args.task_bump;

    TaskClaimed {
        campaign: key::read(campaign_account.key()),
        task: key::read(task_account.key()),
        agent: key::read(wallet.key()),
        amount: campaign.reward,
        fee: campaign.fee,
        expires_at,
        pool: campaign.pool,
        index,
        active_claims: campaign.active_claims,
    }
    .emit();
    Ok(())
}
