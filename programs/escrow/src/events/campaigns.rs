//! Events of campaign pools and their tasks. Bodies are logged verbatim, so every layout is
//! ordered u64 → u32 → u8 and padded explicitly to a multiple of 8 bytes.

use super::Event;
use crate::Bool;
use crate::generated::event;
use crate::runtime::Pubkey;

/// How a paid [`TaskPaid`] task was accepted.
#[repr(u8)]
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum TaskAcceptance {
    /// The campaign pays on delivery
    AutoAccept,
    /// The owner accepted the delivery
    Owner,
    /// The review window passed and someone cranked the payment
    ReviewTimeout,
}

/// A campaign was created and its whole budget escrowed from the owner's ledger.
#[repr(C)]
pub struct CampaignCreated {
    pub campaign: Pubkey,
    pub owner: Pubkey,
    pub id: u64,
    pub reward: u64,
    /// Platform fee per task
    pub fee: u64,
    /// The escrowed budget
    pub pool: u64,
    pub ends_at: i64,
    pub max_per_agent: u32,
    pub daily_limit: u32,
    pub max_concurrent_claims: u32,
    pub review_timeout: u32,
    pub claim_timeout: u32,
    pub auto_accept: Bool,
    pub reserved: [u8; 3],
}
crate::assert_no_padding!(CampaignCreated, [Pubkey; 2], [u64; 4], i64, [u32; 5], u8, [u8; 3]);
unsafe impl Event for CampaignCreated {
    const DISCRIMINATOR: [u8; 8] = event::CAMPAIGN_CREATED;
}

/// An agent claimed a task: `amount + fee` moved from the pool into the task.
#[repr(C)]
pub struct TaskClaimed {
    pub campaign: Pubkey,
    pub task: Pubkey,
    /// Wallet of the claiming agent
    pub agent: Pubkey,
    pub amount: u64,
    pub fee: u64,
    pub expires_at: i64,
    /// Pool after the claim
    pub pool: u64,
    /// The claimant's claim number on this campaign (part of the task address)
    pub index: u32,
    /// Tasks in progress after the claim
    pub active_claims: u32,
}
crate::assert_no_padding!(TaskClaimed, [Pubkey; 3], [u64; 2], i64, u64, u32, u32);
unsafe impl Event for TaskClaimed {
    const DISCRIMINATOR: [u8; 8] = event::TASK_CLAIMED;
}

/// The agent delivered. With auto-accept a [`TaskPaid`] follows in the same instruction.
#[repr(C)]
pub struct TaskDelivered {
    pub campaign: Pubkey,
    pub task: Pubkey,
    /// Hash of the deliverable, which the API stores
    pub output_hash: [u8; 32],
    /// End of the owner's review; zero when the campaign auto-accepts
    pub review_by: i64,
}
crate::assert_no_padding!(TaskDelivered, [Pubkey; 2], [u8; 32], i64);
unsafe impl Event for TaskDelivered {
    const DISCRIMINATOR: [u8; 8] = event::TASK_DELIVERED;
}

/// A task was accepted: the reward went to the agent's ledger, the fee to the platform, and
/// the task account closed.
#[repr(C)]
pub struct TaskPaid {
    pub campaign: Pubkey,
    pub task: Pubkey,
    /// Wallet of the paid agent
    pub agent: Pubkey,
    pub amount: u64,
    pub fee: u64,
    /// Tasks in progress after this one
    pub active_claims: u32,
    /// [`TaskAcceptance`]
    pub acceptance: u8,
    pub reserved: [u8; 3],
}
crate::assert_no_padding!(TaskPaid, [Pubkey; 3], [u64; 2], u32, u8, [u8; 3]);
unsafe impl Event for TaskPaid {
    const DISCRIMINATOR: [u8; 8] = event::TASK_PAID;
}

/// The owner rejected a delivery: `amount + fee` went back to the pool, or to the owner's
/// ledger if the campaign is cancelled. The claim still counts toward `max_per_agent`.
#[repr(C)]
pub struct TaskRejected {
    pub campaign: Pubkey,
    pub task: Pubkey,
    /// Wallet of the agent
    pub agent: Pubkey,
    /// Hash of the owner's reason, which the API stores
    pub reason_hash: [u8; 32],
    /// `amount + fee` returned
    pub refunded: u64,
    /// Pool after the refund
    pub pool: u64,
    /// Tasks in progress after this one
    pub active_claims: u32,
    /// The campaign is cancelled, so the refund went to the owner's ledger
    pub to_owner: Bool,
    pub reserved: [u8; 3],
}
crate::assert_no_padding!(TaskRejected, [Pubkey; 3], [u8; 32], [u64; 2], u32, u8, [u8; 3]);
unsafe impl Event for TaskRejected {
    const DISCRIMINATOR: [u8; 8] = event::TASK_REJECTED;
}

/// An undelivered claim ended, at `expires_at` or because the campaign was cancelled:
/// `amount + fee` went back to the pool, or to the owner's ledger if the campaign is cancelled.
#[repr(C)]
pub struct TaskExpired {
    pub campaign: Pubkey,
    pub task: Pubkey,
    /// Wallet of the agent
    pub agent: Pubkey,
    /// `amount + fee` returned
    pub refunded: u64,
    /// Pool after the refund
    pub pool: u64,
    /// Tasks in progress after this one
    pub active_claims: u32,
    /// The campaign is cancelled, so the refund went to the owner's ledger
    pub to_owner: Bool,
    pub reserved: [u8; 3],
}
crate::assert_no_padding!(TaskExpired, [Pubkey; 3], [u64; 2], u32, u8, [u8; 3]);
unsafe impl Event for TaskExpired {
    const DISCRIMINATOR: [u8; 8] = event::TASK_EXPIRED;
}

/// The owner added to the pool; a completed campaign that can pay a task again is active.
#[repr(C)]
pub struct CampaignToppedUp {
    pub campaign: Pubkey,
    pub amount: u64,
    /// Pool after the top-up
    pub pool: u64,
    /// [`CampaignStatus`] after the top-up
    pub status: u8,
    pub reserved: [u8; 7],
}
crate::assert_no_padding!(CampaignToppedUp, Pubkey, [u64; 2], u8, [u8; 7]);
unsafe impl Event for CampaignToppedUp {
    const DISCRIMINATOR: [u8; 8] = event::CAMPAIGN_TOPPED_UP;
}

/// The owner paused the campaign: no new claims.
#[repr(C)]
pub struct CampaignPaused {
    pub campaign: Pubkey,
}
crate::assert_no_padding!(CampaignPaused, Pubkey);
unsafe impl Event for CampaignPaused {
    const DISCRIMINATOR: [u8; 8] = event::CAMPAIGN_PAUSED;
}

/// The owner resumed the campaign. If it cannot pay a task and none is in progress, a
/// [`CampaignCompleted`] follows.
#[repr(C)]
pub struct CampaignResumed {
    pub campaign: Pubkey,
}
crate::assert_no_padding!(CampaignResumed, Pubkey);
unsafe impl Event for CampaignResumed {
    const DISCRIMINATOR: [u8; 8] = event::CAMPAIGN_RESUMED;
}

/// The pool can no longer pay a task and no task is in progress. The remainder stays in the
/// pool until a top-up reactivates the campaign or a cancel returns it.
#[repr(C)]
pub struct CampaignCompleted {
    pub campaign: Pubkey,
    /// What is left, less than one task's cost
    pub pool: u64,
}
crate::assert_no_padding!(CampaignCompleted, Pubkey, u64);
unsafe impl Event for CampaignCompleted {
    const DISCRIMINATOR: [u8; 8] = event::CAMPAIGN_COMPLETED;
}

/// The campaign was cancelled and its pool returned to the owner's ledger. Undelivered tasks
/// are void (anyone may expire them at once, refunding the owner); delivered ones still settle.
#[repr(C)]
pub struct CampaignCancelled {
    pub campaign: Pubkey,
    pub owner: Pubkey,
    /// Pool returned to the owner's ledger
    pub refunded: u64,
    /// Tasks still to settle
    pub active_claims: u32,
    /// No task was in progress, so the account closed at once
    pub closed: Bool,
    pub reserved: [u8; 3],
}
crate::assert_no_padding!(CampaignCancelled, [Pubkey; 2], u64, u32, u8, [u8; 3]);
unsafe impl Event for CampaignCancelled {
    const DISCRIMINATOR: [u8; 8] = event::CAMPAIGN_CANCELLED;
}

/// A cancelled campaign's last task settled and its account closed (rent to its payer).
#[repr(C)]
pub struct CampaignClosed {
    pub campaign: Pubkey,
}
crate::assert_no_padding!(CampaignClosed, Pubkey);
unsafe impl Event for CampaignClosed {
    const DISCRIMINATOR: [u8; 8] = event::CAMPAIGN_CLOSED;
}

/// An agent's quota on a closed campaign was closed (rent to its payer).
#[repr(C)]
pub struct QuotaClosed {
    pub quota: Pubkey,
    pub campaign: Pubkey,
    pub agent: Pubkey,
}
crate::assert_no_padding!(QuotaClosed, [Pubkey; 3]);
unsafe impl Event for QuotaClosed {
    const DISCRIMINATOR: [u8; 8] = event::QUOTA_CLOSED;
}
