//! The singleton platform configuration; also the authority of the USDC vault.

use super::AccountState;
use crate::generated::account;
use crate::runtime::Pubkey;

pub const CONFIG_SEED: &[u8] = b"config";

/// Platform authorities, fee schedule and limits. PDA `["config"]`; it owns the vault.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct Config {
    /// May change the config and collect fees
    pub admin: Pubkey,
    /// Co-signs actions gated by off-chain policy (trust thresholds, client restrictions)
    pub operator: Pubkey,
    /// Settles disputes
    pub arbiter: Pubkey,
    pub usdc_mint: Pubkey,
    /// The program's single USDC token account, owned by this config PDA
    pub vault: Pubkey,
    /// USDC token account that receives collected fees
    pub treasury: Pubkey,
    /// Fees earned and still held in the vault
    pub fees_accrued: u64,
    /// Charged once when cumulative deposits first reach it
    pub activation_fee: u64,
    pub withdraw_minimum: u64,
    /// Flat fee per withdrawal, covering network costs
    pub withdraw_fee: u64,
    pub dispute_fee_min: u64,
    pub dispute_fee_max: u64,
    /// Lock on withdrawals after the withdrawal address changes
    pub cooldown_seconds: i64,
    /// Time a client has to review a delivery before anyone may release it
    pub review_window_seconds: i64,
    /// Platform fee on jobs and campaign tasks, in basis points
    pub fee_bps: u16,
    /// Dispute fee in basis points of the job amount, clamped to [min, max]
    pub dispute_fee_bps: u16,
    /// Nonzero stops new jobs, claims and deposits; withdrawals and panic still work
    pub paused: u8,
    pub bump: u8,
    pub reserved: [u8; 2],
    /// Proposed by the admin; becomes admin when it signs `accept_admin`. Zero when none
    pub pending_admin: Pubkey,
    /// Smallest job amount, so that every job pays a platform fee
    pub min_job_amount: u64,
}

// The fields added after `reserved` keep every older field at its offset.
crate::assert_no_padding!(Config, [Pubkey; 6], [u64; 8], u16, u16, u8, u8, [u8; 2], Pubkey, u64);

unsafe impl AccountState for Config {
    const DISCRIMINATOR: [u8; 8] = account::CONFIG;
}

impl Config {
    /// `amount × bps / 10 000`, rounded down, exact for every u64 amount. Computed as
    /// `(amount / 10 000) × bps + (amount % 10 000) × bps / 10 000`, which cannot overflow
    /// while `bps ≤ 10 000`: a checked 64-bit multiply would need a 128-bit one, which
    /// LLVM's BPF backend cannot emit (`__multi3`), and LLVM turns a hand-written
    /// `amount > MAX / bps` guard back into exactly that.
    #[inline(always)]
    pub fn bps_of(amount: u64, bps: u16) -> Option<u64> {
        if bps > 10_000 {
            return None;
        }
        let bps = bps as u64;
        Some(amount / 10_000 * bps + amount % 10_000 * bps / 10_000)
    }

    #[inline(always)]
    pub fn platform_fee(&self, amount: u64) -> Option<u64> {
        Self::bps_of(amount, self.fee_bps)
    }

    #[inline(always)]
    pub fn dispute_fee(&self, amount: u64) -> Option<u64> {
        let fee = Self::bps_of(amount, self.dispute_fee_bps)?;
        Some(fee.clamp(self.dispute_fee_min, self.dispute_fee_max))
    }
}

/// The admin-tunable part of the config, shared by `initialize_config` and `update_config`.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct ConfigParams {
    pub activation_fee: u64,
    pub withdraw_minimum: u64,
    pub withdraw_fee: u64,
    pub dispute_fee_min: u64,
    pub dispute_fee_max: u64,
    pub cooldown_seconds: i64,
    pub review_window_seconds: i64,
    pub fee_bps: u16,
    pub dispute_fee_bps: u16,
    pub reserved: [u8; 4],
    /// Smallest job amount; at most 1 USDC, and large enough that its fee is nonzero
    pub min_job_amount: u64,
}

crate::assert_no_padding!(ConfigParams, [u64; 5], [i64; 2], u16, u16, [u8; 4], u64);

const USDC: u64 = 1_000_000;
const DAY: i64 = 86_400;

impl ConfigParams {
    /// Bounds that keep a compromised or careless admin from making the platform
    /// confiscatory: fees stay small, withdrawals stay possible, a changed withdrawal
    /// address waits the 24 h the seed promises, and every job pays a fee.
    pub fn validate(&self) -> Result<(), crate::error::EscrowError> {
        let ok = self.fee_bps <= 1_000
            && self.activation_fee <= 10 * USDC
            && self.withdraw_fee <= USDC
            && self.withdraw_minimum > self.withdraw_fee
            && self.withdraw_minimum <= 1_000 * USDC
            && self.dispute_fee_bps <= 2_000
            && self.dispute_fee_min <= self.dispute_fee_max
            && self.dispute_fee_max <= 100 * USDC
            && (DAY..=7 * DAY).contains(&self.cooldown_seconds)
            && (60..=7 * DAY).contains(&self.review_window_seconds)
            && (1..=USDC).contains(&self.min_job_amount)
            // The fee is monotonic in the amount: if the smallest job pays one, all do.
            && (self.fee_bps == 0 || Config::bps_of(self.min_job_amount, self.fee_bps).is_some_and(|fee| fee > 0));
        if ok { Ok(()) } else { Err(crate::error::EscrowError::InvalidConfigValue) }
    }
}

impl Config {
    pub fn apply(&mut self, p: &ConfigParams) {
        self.activation_fee = p.activation_fee;
        self.withdraw_minimum = p.withdraw_minimum;
        self.withdraw_fee = p.withdraw_fee;
        self.dispute_fee_min = p.dispute_fee_min;
        self.dispute_fee_max = p.dispute_fee_max;
        self.cooldown_seconds = p.cooldown_seconds;
        self.review_window_seconds = p.review_window_seconds;
        self.fee_bps = p.fee_bps;
        self.dispute_fee_bps = p.dispute_fee_bps;
        self.min_job_amount = p.min_job_amount;
    }
}
