//! Creates a campaign and escrows its whole budget from the owner's ledger into the pool.
//! The platform fee per task is fixed here, so later fee changes do not touch the budget.

use crate::Bool;
use crate::checks;
use crate::error::EscrowError;
use crate::events::{CampaignCreated, Event};
use crate::instructions::{campaign_common, parse_args};
use crate::runtime::{AccountInfo, Pubkey, cpi, key, pda, unix_timestamp};
use crate::state::campaign::{
    CAMPAIGN_SEED, CLAIM_TIMEOUT_RANGE, DURATION_DAYS_RANGE, MAX_CONCURRENT_CLAIMS, MAX_REWARD, MIN_REWARD,
    REVIEW_TIMEOUT_RANGE, SECONDS_PER_DAY,
};
use crate::state::fast_load::FastLoad;
use crate::state::{AccountState, Agent, Campaign, CampaignStatus, Config};

/// Accounts:
/// 0. `[signer, writable]` payer — pays the campaign's rent
/// 1. `[signer]` owner — the funding agent's wallet
/// 2. `[writable]` owner_agent — PDA `["agent", owner]`; the owner's ledger, debited the budget
/// 3. `[]` config — PDA `["config"]`
/// 4. `[writable]` campaign — PDA `["campaign", owner, id as u64 LE]` at its canonical bump, created here
/// 5. `[]` system_program
#[repr(C, packed)]
#[derive(Clone, Copy)]
pub struct Args {
    /// Owner-chosen id, part of the address; never reuse one
    pub id: u64,
    /// Paid per accepted task; at least 1 000
    pub reward: u64,
    /// Escrowed in full; must cover at least one task (reward + fee)
    pub budget: u64,
    /// Tasks one agent may ever claim; 0 = unlimited
    pub max_per_agent: u32,
    /// Tasks one agent may claim per UTC day; 0 = unlimited
    pub daily_limit: u32,
    /// 1–1 000
    pub max_concurrent_claims: u32,
    /// Seconds, 60–86 400
    pub review_timeout: u32,
    /// Seconds, 30–86 400
    pub claim_timeout: u32,
    /// 1–365; the campaign takes claims until now + duration
    pub duration_days: u16,
    pub auto_accept: Bool,
    /// Canonical bump of the campaign PDA
    pub bump: u8,
}

impl Args {
    /// The fee per task, or `InvalidCampaignParams`.
    #[inline(always)]
    fn validate(&self, config: &Config) -> Result<u64, EscrowError> {
        let (reward, budget) = (self.reward, self.budget);
        if !(MIN_REWARD..=MAX_REWARD).contains(&reward) {
            return Err(EscrowError::InvalidCampaignParams);
        }
        // `Config::platform_fee` overflow-checks its product with a 128-bit multiply, which
        // SBF lacks; with the reward bounded the product fits in u64 for any fee_bps.
        let fee = reward * config.fee_bps as u64 / 10_000;
        let cost = reward + fee;
        let ok = budget >= cost
            && budget >= cost
            && (1..=MAX_CONCURRENT_CLAIMS).contains(&{ self.max_concurrent_claims })
            && REVIEW_TIMEOUT_RANGE.contains(&{ self.review_timeout })
            && CLAIM_TIMEOUT_RANGE.contains(&{ self.claim_timeout })
            && DURATION_DAYS_RANGE.contains(&{ self.duration_days })
            && self.auto_accept <= 1;
        if ok { Ok(fee) } else { Err(EscrowError::InvalidCampaignParams) }
    }
}

pub fn process(program_id: &Pubkey, accounts: &[AccountInfo], data: &[u8]) -> Result<(), EscrowError> {
    let [payer, owner, owner_agent, config_account, campaign_account, system_program, ..] = accounts else {
        return Err(EscrowError::NotEnoughAccounts);
    };
    let args: Args = parse_args(data)?;

    checks::signer(payer)?;
    checks::signer(owner)?;
    checks::writable(payer)?;
    campaign_common::system_program(system_program)?;
    campaign_common::uninitialized(campaign_account)?;
    let config = Config::view(config_account, program_id)?;
    let agent = Agent::view_writable(owner_agent, program_id)?;
    if !key::eq(&agent.wallet, owner.key()) {
        return Err(EscrowError::PartyMismatch);
    }
    if config.paused != 0 {
        return Err(EscrowError::ProgramPaused);
    }
    if agent.activated == 0 {
        return Err(EscrowError::AgentNotActivated);
    }
    let fee = args.validate(config)?;
    agent.debit(args.budget)?;

    let id = args.id.to_le_bytes();
    // One campaign per (owner, id): any other bump would let an id name a second campaign.
    // Off the hot path, so the ~340 CU per bump above the given one are affordable (none
    // for bump 255, half of all addresses); the creation below proves the bump itself.
    if !pda::is_canonical_bump(&[CAMPAIGN_SEED, owner.key(), &id], args.bump, program_id) {
        return Err(EscrowError::InvalidAddress);
    }
    let bump = [args.bump];
    cpi::create_pda(
        payer,
        campaign_account,
        &cpi::NewPda { space: Campaign::SPACE, owner: program_id, seeds: &[CAMPAIGN_SEED, owner.key(), &id, &bump] },
    )?;

    let ends_at = unix_timestamp()
        .checked_add((args.duration_days as u64 * SECONDS_PER_DAY) as i64)
        .ok_or(EscrowError::Overflow)?;
    let campaign = Campaign::init(campaign_account);
    campaign.owner = key::read(owner.key());
    campaign.rent_payer = key::read(payer.key());
    campaign.id = args.id;
    campaign.reward = args.reward;
    campaign.fee = fee;
    campaign.pool = args.budget;
    campaign.ends_at = ends_at;
    campaign.max_per_agent = args.max_per_agent;
    campaign.daily_limit = args.daily_limit;
    campaign.max_concurrent_claims = args.max_concurrent_claims;
    campaign.review_timeout = args.review_timeout;
    campaign.claim_timeout = args.claim_timeout;
    campaign.auto_accept = args.auto_accept;
    campaign.status = CampaignStatus::Active as u8;
    campaign.bump = args.bump;

    CampaignCreated {
        campaign: key::read(campaign_account.key()),
        owner: key::read(&campaign.owner),
        id: args.id,
        reward: args.reward,
        fee,
        pool: args.budget,
        ends_at,
        max_per_agent: args.max_per_agent,
        daily_limit: args.daily_limit,
        max_concurrent_claims: args.max_concurrent_claims,
        review_timeout: args.review_timeout,
        claim_timeout: args.claim_timeout,
        auto_accept: args.auto_accept,
        reserved: [0; 3],
    }
    .emit();
    Ok(())
}
