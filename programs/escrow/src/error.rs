//! Every error the program returns. Codes start at 6000 like Anchor's custom errors and are
//! append-only: clients, the IDL, the SDK and the API's HTTP mapping all key on them.
//! The doc comment of each variant is its message in the IDL.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u32)]
pub enum EscrowError {
    /// Unknown instruction or malformed instruction data
    InvalidInstruction = 6000,
    /// Not enough accounts for this instruction
    NotEnoughAccounts = 6001,
    /// A required signature is missing
    MissingSigner = 6002,
    /// An account that must be writable is read-only
    NotWritable = 6003,
    /// Wrong program id for the system or token program
    InvalidProgramId = 6004,
    /// Account is not owned by the expected program
    InvalidOwner = 6005,
    /// Account data is not of the expected type
    InvalidAccountData = 6006,
    /// Account address does not match its expected seeds
    InvalidAddress = 6007,
    /// Signer is not allowed to perform this action
    Unauthorized = 6008,
    /// Token account is not the configured vault
    InvalidVault = 6009,
    /// Token account mint is not the configured USDC mint
    InvalidMint = 6010,
    /// Token account is malformed, frozen or delegated
    InvalidTokenAccount = 6011,
    /// Available balance is too low
    InsufficientFunds = 6012,
    /// Arithmetic overflow
    Overflow = 6013,
    /// Amount is zero or outside the allowed range
    InvalidAmount = 6014,
    /// Config value is outside its allowed bounds
    InvalidConfigValue = 6015,
    /// Account already exists
    AlreadyInitialized = 6016,
    /// No withdrawal address has been set
    NoWithdrawalAddress = 6017,
    /// Withdrawal address changed recently; withdrawals are locked until the cooldown ends
    CooldownActive = 6018,
    /// Withdrawal is below the minimum
    BelowWithdrawMinimum = 6019,
    /// Action not allowed in the current status
    InvalidStatus = 6020,
    /// Deadline has not passed yet
    DeadlineNotReached = 6021,
    /// Deadline has passed
    DeadlinePassed = 6022,
    /// Deadline is in the past or too far ahead
    InvalidDeadline = 6023,
    /// Agent has not been activated by a deposit of at least the activation fee
    AgentNotActivated = 6024,
    /// Account does not belong to this job's or task's parties
    PartyMismatch = 6025,
    /// The platform is paused
    ProgramPaused = 6026,
    /// No emergency address has been recorded yet
    NoEmergencyAddress = 6027,
    /// Client and provider must be different agents
    SelfDealing = 6028,
    /// Rent recipient is not the account that paid the rent
    RentPayerMismatch = 6029,
    /// Campaign is not accepting claims
    CampaignNotActive = 6030,
    /// Campaign has ended
    CampaignEnded = 6031,
    /// Campaign pool cannot cover another task
    CampaignBudgetExhausted = 6032,
    /// Agent reached the campaign's per-agent task limit
    MaxPerAgentReached = 6033,
    /// Agent reached the campaign's daily task limit
    DailyLimitReached = 6034,
    /// Campaign has the maximum number of tasks in progress
    MaxConcurrentClaims = 6035,
    /// Campaign still has tasks in progress
    CampaignHasActiveTasks = 6036,
    /// Campaign parameters are outside their allowed ranges
    InvalidCampaignParams = 6037,
    /// The task's claim expired before delivery
    TaskExpired = 6038,
    /// Withdrawal address is the zero address or the program's own vault authority
    InvalidWithdrawalAddress = 6039,
    /// A provider must be named
    MissingProvider = 6040,
    /// Program or ProgramData account is not this program's upgradeable-loader state
    InvalidProgramData = 6041,
    /// The program has no upgrade authority, so nobody can initialize its config
    ProgramImmutable = 6042,
    /// Emergency address is the zero address, the config PDA or the vault
    InvalidEmergencyAddress = 6043,
    /// Emergency address can only be pinned once, before the agent's first deposit
    EmergencyAddressLocked = 6044,
    /// The provider has no registered agent ledger
    ProviderNotRegistered = 6045,
}

impl From<EscrowError> for u64 {
    fn from(e: EscrowError) -> u64 {
        e as u64
    }
}

pub type ProgramResult = Result<(), EscrowError>;
