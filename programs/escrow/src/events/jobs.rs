//! Events of the job lifecycle. Every job ends with exactly one `JobSettled`, whose
//! `outcome` and amounts tell the whole story without reading any other event.

use super::Event;
use crate::generated::event;
use crate::runtime::Pubkey;

/// How a job ended.
#[repr(u8)]
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum JobOutcome {
    /// The client accepted the delivery
    Released,
    /// Nobody disputed the delivery before `review_by`; released by a crank
    AutoReleased,
    /// The client cancelled before delivery
    Cancelled,
    /// The job missed `apply_by` or `deliver_by`; refunded by a crank
    Expired,
    /// The arbiter refunded the client
    DisputeClientWon,
    /// The arbiter released the payment to the provider
    DisputeProviderWon,
    /// The arbiter split the payment
    DisputeSplit,
}

/// A job was created and its amount and fee locked from the client's ledger.
#[repr(C)]
pub struct JobCreated {
    pub job: Pubkey,
    pub client: Pubkey,
    /// Zero for an open job
    pub provider: Pubkey,
    pub id: u64,
    pub amount: u64,
    pub fee: u64,
    pub apply_by: i64,
    pub deliver_by: i64,
    /// [`JobStatus`] the job starts in
    pub status: u8,
    pub reserved: [u8; 7],
}
crate::assert_no_padding!(JobCreated, [Pubkey; 3], [u64; 3], [i64; 2], u8, [u8; 7]);
unsafe impl Event for JobCreated {
    const DISCRIMINATOR: [u8; 8] = event::JOB_CREATED;
}

/// The client picked the provider of an open job.
#[repr(C)]
pub struct ProviderAssigned {
    pub job: Pubkey,
    pub client: Pubkey,
    pub provider: Pubkey,
}
crate::assert_no_padding!(ProviderAssigned, [Pubkey; 3]);
unsafe impl Event for ProviderAssigned {
    const DISCRIMINATOR: [u8; 8] = event::PROVIDER_ASSIGNED;
}

/// The provider accepted a direct job.
#[repr(C)]
pub struct JobAccepted {
    pub job: Pubkey,
    pub provider: Pubkey,
}
crate::assert_no_padding!(JobAccepted, [Pubkey; 2]);
unsafe impl Event for JobAccepted {
    const DISCRIMINATOR: [u8; 8] = event::JOB_ACCEPTED;
}

/// The provider delivered; the review window runs until `review_by`.
#[repr(C)]
pub struct JobDelivered {
    pub job: Pubkey,
    pub provider: Pubkey,
    pub output_hash: [u8; 32],
    pub review_by: i64,
}
crate::assert_no_padding!(JobDelivered, [Pubkey; 2], [u8; 32], i64);
unsafe impl Event for JobDelivered {
    const DISCRIMINATOR: [u8; 8] = event::JOB_DELIVERED;
}

/// A party disputed the delivery and paid the dispute fee; the job is frozen.
#[repr(C)]
pub struct DisputeOpened {
    pub job: Pubkey,
    /// Wallet of the party that filed
    pub claimant: Pubkey,
    /// Hash of the off-chain reason and description
    pub reason_hash: [u8; 32],
    /// Non-refundable fee taken from the claimant's balance
    pub fee: u64,
    /// [`DisputeParty`] that filed
    pub party: u8,
    pub reserved: [u8; 7],
}
crate::assert_no_padding!(DisputeOpened, [Pubkey; 2], [u8; 32], u64, u8, [u8; 7]);
unsafe impl Event for DisputeOpened {
    const DISCRIMINATOR: [u8; 8] = event::DISPUTE_OPENED;
}

/// The job ended and its account closed. `to_provider + to_client + to_platform` is the
/// job's whole `amount + fee`.
#[repr(C)]
pub struct JobSettled {
    pub job: Pubkey,
    pub client: Pubkey,
    pub provider: Pubkey,
    pub id: u64,
    pub to_provider: u64,
    pub to_client: u64,
    pub to_platform: u64,
    /// [`JobOutcome`]
    pub outcome: u8,
    pub reserved: [u8; 7],
}
crate::assert_no_padding!(JobSettled, [Pubkey; 3], [u64; 4], u8, [u8; 7]);
unsafe impl Event for JobSettled {
    const DISCRIMINATOR: [u8; 8] = event::JOB_SETTLED;
}
