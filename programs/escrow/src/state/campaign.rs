//! A bounty pool: many agents claim fixed-reward tasks and are paid from one escrowed budget.

use super::AccountState;
use crate::Bool;
use crate::error::EscrowError;
use crate::generated::account;
use crate::runtime::Pubkey;

pub const CAMPAIGN_SEED: &[u8] = b"campaign";

/// Lifecycle of a [`Campaign`]. Whether it has ended is a matter of time (`ends_at`), not status.
#[repr(u8)]
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum CampaignStatus {
    /// Accepting claims
    Active,
    /// The owner stopped new claims; tasks in progress continue
    Paused,
    /// The pool cannot pay another task and no task is in progress; a top-up reactivates it
    Completed,
    /// The pool went back to the owner; remaining tasks settle, then the account closes
    Cancelled,
}

/// PDA `["campaign", owner, id as u64 LE]`. Holds the escrowed budget in `pool`; every task
/// in progress holds its own reward and fee (see [`super::Task`]).
#[repr(C)]
#[derive(Clone, Copy)]
pub struct Campaign {
    /// Wallet of the agent that funds the campaign and reviews deliveries
    pub owner: Pubkey,
    /// Paid the account's rent; receives it back when the campaign closes
    pub rent_payer: Pubkey,
    /// Owner-chosen id, part of the address
    pub id: u64,
    /// Paid to the agent for each accepted task
    pub reward: u64,
    /// Platform fee per task, fixed at creation (reward × fee_bps / 10 000)
    pub fee: u64,
    /// Escrowed budget not yet committed to a task
    pub pool: u64,
    /// No claims at or after this unix time
    pub ends_at: i64,
    /// Tasks one agent may ever claim, rejected and expired ones included; 0 = unlimited
    pub max_per_agent: u32,
    /// Tasks one agent may claim per UTC day; 0 = unlimited
    pub daily_limit: u32,
    /// Most tasks in progress at once
    pub max_concurrent_claims: u32,
    /// Tasks in progress (claimed or delivered, not yet settled)
    pub active_claims: u32,
    /// Seconds the owner has to review a delivery before anyone may accept it
    pub review_timeout: u32,
    /// Seconds an agent has to deliver after claiming
    pub claim_timeout: u32,
    /// Pay on delivery, without review
    pub auto_accept: Bool,
    /// [`CampaignStatus`]
    pub status: u8,
    pub bump: u8,
    pub reserved: [u8; 5],
}

crate::assert_no_padding!(Campaign, [Pubkey; 2], [u64; 4], i64, [u32; 6], u8, u8, u8, [u8; 5]);

unsafe impl AccountState for Campaign {
    const DISCRIMINATOR: [u8; 8] = account::CAMPAIGN;
}

/// Ranges enforced at creation. The API applies the seed's defaults before it gets here.
pub const MIN_REWARD: u64 = 1_000;
/// Keeps `reward × fee_bps` within u64 for any fee (about 281 million USDC per task).
pub const MAX_REWARD: u64 = u64::MAX / u16::MAX as u64;
pub const MAX_CONCURRENT_CLAIMS: u32 = 1_000;
pub const REVIEW_TIMEOUT_RANGE: core::ops::RangeInclusive<u32> = 60..=86_400;
pub const CLAIM_TIMEOUT_RANGE: core::ops::RangeInclusive<u32> = 30..=86_400;
pub const DURATION_DAYS_RANGE: core::ops::RangeInclusive<u16> = 1..=365;
pub const SECONDS_PER_DAY: u64 = 86_400;

impl Campaign {
    /// What one task takes from the pool.
    #[inline(always)]
    pub fn task_cost(&self) -> u64 {
        // Cannot overflow: checked when the campaign was created.
        self.reward + self.fee
    }

    #[inline(always)]
    pub fn is(&self, status: CampaignStatus) -> bool {
        self.status == status as u8
    }

    /// Completes an active campaign that can no longer pay a task and has none in progress.
    /// Returns whether it did, so the caller emits `CampaignCompleted`.
    #[inline(always)]
    pub fn complete_if_exhausted(&mut self) -> bool {
        if self.is(CampaignStatus::Active) && self.active_claims == 0 && self.pool < self.task_cost() {
            self.status = CampaignStatus::Completed as u8;
            return true;
        }
        false
    }

    /// A task left the campaign (paid, rejected or expired). A task exists only while
    /// counted here, so this never underflows; the build has no overflow checks, and a
    /// wrapped count would block `close_campaign` and every claim for good, so a bug fails
    /// the instruction instead.
    #[inline(always)]
    pub fn release_claim(&mut self) -> Result<(), EscrowError> {
        self.active_claims = self.active_claims.checked_sub(1).ok_or(EscrowError::Overflow)?;
        Ok(())
    }

    #[inline(always)]
    pub fn add_to_pool(&mut self, amount: u64) -> Result<(), EscrowError> {
        self.pool = self.pool.checked_add(amount).ok_or(EscrowError::Overflow)?;
        Ok(())
    }
}
