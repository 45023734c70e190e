//! A job escrow: the client's payment and the platform fee, locked between the client's and
//! the provider's ledgers until the job settles. Settling closes the account.

use super::AccountState;
use crate::error::EscrowError;
use crate::generated::account;
use crate::runtime::{Pubkey, keys_eq};

pub const JOB_SEED: &[u8] = b"job";

/// The only bump a job is created at. A bump search would cost 1 500 CU per try and a
/// canonical-bump proof ~340 CU per bump above the given one; at bump 255 the system
/// program's signed creation is the proof, for nothing: 255 is the highest bump, so if it
/// derives an address it is the canonical one. Exactly one job can then exist per
/// (client, id). Clients pick ids whose bump-255 address exists (about half of all ids).
pub const JOB_BUMP: u8 = u8::MAX;

/// The furthest `apply_by` and `deliver_by` may lie ahead of creation. The seed's longest
/// job is an open one: an application window of at most 7 days, then at most an hour of
/// execution. 30 days covers that with room for the API's own policy, and bounds how long
/// a job can hold the client's funds and the rent payer's lamports before a crank may
/// refund it.
pub const MAX_JOB_HORIZON: i64 = 30 * 86_400;

/// Where a job is in its life. Terminal outcomes close the account, so they are not states.
#[repr(u8)]
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum JobStatus {
    /// Open job waiting for the client to pick a provider
    Open,
    /// Direct job waiting for the provider to accept
    Funded,
    /// The provider is working on it
    Accepted,
    /// Output delivered; the client reviews until `review_by`
    Delivered,
    /// Frozen until the arbiter rules
    Disputed,
}

/// Which side filed a dispute.
#[repr(u8)]
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum DisputeParty {
    None,
    Client,
    Provider,
}

/// The arbiter's ruling, relative to the party that filed the dispute.
#[repr(u8)]
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum DisputeOutcome {
    /// The claimant's side gets everything it asked for
    ClaimantWins,
    /// The other side gets everything
    RespondentWins,
    /// Half the amount and half the fee go to provider and platform, the rest back to the client
    Split,
}

impl DisputeOutcome {
    /// Instruction data is untrusted bytes; only the three variants are valid.
    #[inline(always)]
    pub fn from_u8(v: u8) -> Result<Self, EscrowError> {
        match v {
            0 => Ok(Self::ClaimantWins),
            1 => Ok(Self::RespondentWins),
            2 => Ok(Self::Split),
            _ => Err(EscrowError::InvalidInstruction),
        }
    }
}

/// PDA `["job", client, id (u64 LE)]` at bump [`JOB_BUMP`]. Holds `amount + fee` of the
/// vault while it exists.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct Job {
    /// The client's custodial wallet
    pub client: Pubkey,
    /// The provider's custodial wallet; zero until an open job is assigned
    pub provider: Pubkey,
    /// Paid the rent; receives it back when the job closes
    pub rent_payer: Pubkey,
    /// Hash of the delivered output, zero until delivery
    pub output_hash: [u8; 32],
    /// Client-chosen id, part of the address
    pub id: u64,
    /// Paid to the provider on release
    pub amount: u64,
    /// Platform fee, paid on release, refunded with the amount
    pub fee: u64,
    /// Open jobs: last second to assign a provider; zero for direct jobs
    pub apply_by: i64,
    /// Last second to accept or deliver; anyone may refund after it
    pub deliver_by: i64,
    /// Last second to dispute a delivery; anyone may release after it
    pub review_by: i64,
    /// [`JobStatus`]
    pub status: u8,
    /// [`DisputeParty`] that filed the dispute
    pub claimant: u8,
    pub bump: u8,
    pub reserved: [u8; 5],
}

crate::assert_no_padding!(Job, [Pubkey; 4], [u64; 3], [i64; 3], u8, u8, u8, [u8; 5]);

unsafe impl AccountState for Job {
    const DISCRIMINATOR: [u8; 8] = account::JOB;
}

impl Job {
    #[inline(always)]
    pub fn require_status(&self, status: JobStatus) -> Result<(), EscrowError> {
        if self.status == status as u8 { Ok(()) } else { Err(EscrowError::InvalidStatus) }
    }

    #[inline(always)]
    pub fn require_client(&self, wallet: &Pubkey) -> Result<(), EscrowError> {
        if keys_eq(&self.client, wallet) { Ok(()) } else { Err(EscrowError::Unauthorized) }
    }

    /// Also refuses an open job's zero provider: nobody can sign as the zero key, and the
    /// status checks that follow would refuse an unassigned job anyway.
    #[inline(always)]
    pub fn require_provider(&self, wallet: &Pubkey) -> Result<(), EscrowError> {
        if keys_eq(&self.provider, wallet) { Ok(()) } else { Err(EscrowError::Unauthorized) }
    }

    /// Rent goes back only to the account that paid it.
    #[inline(always)]
    pub fn require_rent_payer(&self, account: &Pubkey) -> Result<(), EscrowError> {
        if keys_eq(&self.rent_payer, account) { Ok(()) } else { Err(EscrowError::RentPayerMismatch) }
    }

    /// Which side of the job a wallet is on; strangers cannot dispute.
    #[inline(always)]
    pub fn party_of(&self, wallet: &Pubkey) -> Result<DisputeParty, EscrowError> {
        if keys_eq(&self.client, wallet) {
            Ok(DisputeParty::Client)
        } else if keys_eq(&self.provider, wallet) {
            Ok(DisputeParty::Provider)
        } else {
            Err(EscrowError::Unauthorized)
        }
    }

    /// Before delivery a job can still be cancelled or expire.
    #[inline(always)]
    pub fn is_undelivered(&self) -> bool {
        self.status <= JobStatus::Accepted as u8
    }

    /// The deadline after which anyone may refund an undelivered job: an open job that
    /// found no provider expires at `apply_by`, any other at `deliver_by`.
    #[inline(always)]
    pub fn refund_deadline(&self) -> i64 {
        if self.status == JobStatus::Open as u8 { self.apply_by } else { self.deliver_by }
    }

    /// What the job holds of the vault.
    #[inline(always)]
    pub fn locked(&self) -> u64 {
        // Cannot overflow: create_job checked `amount + fee`.
        self.amount + self.fee
    }
}
