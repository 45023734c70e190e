//! One claim on a campaign: the reward and fee it locked, and its deadlines.

use super::AccountState;
use crate::generated::account;
use crate::runtime::Pubkey;

pub const TASK_SEED: &[u8] = b"task";

/// Where a [`Task`] is in its life; settled tasks close.
#[repr(u8)]
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum TaskStatus {
    /// Claimed, waiting for delivery until `expires_at`
    Claimed,
    /// Delivered, waiting for the owner's review until `review_by`
    Delivered,
}

/// PDA `["task", quota, index as u32 LE]`: the claimant's `index`-th claim on the campaign
/// (`index` is the quota's `total_claims` at claim time, so addresses are never reused).
/// Locks `amount + fee` of the vault while it exists; closes when the task settles.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct Task {
    pub campaign: Pubkey,
    /// Wallet of the claiming agent
    pub agent: Pubkey,
    /// Paid the account's rent; receives it back when the task settles
    pub rent_payer: Pubkey,
    /// The reward, paid to the agent on acceptance
    pub amount: u64,
    /// The platform fee, accrued on acceptance
    pub fee: u64,
    /// Delivery must happen before this unix time; from then on anyone may expire the claim
    pub expires_at: i64,
    /// Zero until delivered; then the owner reviews until this unix time, after which anyone may accept
    pub review_by: i64,
    /// The claimant's claim number on this campaign, part of the address
    pub index: u32,
    /// [`TaskStatus`]
    pub status: u8,
    pub bump: u8,
    pub reserved: [u8; 2],
}

crate::assert_no_padding!(Task, [Pubkey; 3], [u64; 2], [i64; 2], u32, u8, u8, [u8; 2]);

unsafe impl AccountState for Task {
    const DISCRIMINATOR: [u8; 8] = account::TASK;
}

impl Task {
    #[inline(always)]
    pub fn is(&self, status: TaskStatus) -> bool {
        self.status == status as u8
    }

    /// Value of the vault this task holds.
    #[inline(always)]
    pub fn locked(&self) -> u64 {
        // Cannot overflow: both come from the campaign, whose sum is checked at creation.
        self.amount + self.fee
    }
}
