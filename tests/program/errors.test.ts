/**
 * Error codes are part of the public interface (the SDK and the API's HTTP mapping key on
 * them), so they are pinned here: codes are append-only, and a rename or renumbering must
 * show up as a deliberate change to this list.
 */
import assert from "node:assert/strict";
import { IDL } from "@justpay/sdk";

const PINNED: [number, string][] = [
  [6000, "InvalidInstruction"],
  [6001, "NotEnoughAccounts"],
  [6002, "MissingSigner"],
  [6003, "NotWritable"],
  [6004, "InvalidProgramId"],
  [6005, "InvalidOwner"],
  [6006, "InvalidAccountData"],
  [6007, "InvalidAddress"],
  [6008, "Unauthorized"],
  [6009, "InvalidVault"],
  [6010, "InvalidMint"],
  [6011, "InvalidTokenAccount"],
  [6012, "InsufficientFunds"],
  [6013, "Overflow"],
  [6014, "InvalidAmount"],
  [6015, "InvalidConfigValue"],
  [6016, "AlreadyInitialized"],
  [6017, "NoWithdrawalAddress"],
  [6018, "CooldownActive"],
  [6019, "BelowWithdrawMinimum"],
  [6020, "InvalidStatus"],
  [6021, "DeadlineNotReached"],
  [6022, "DeadlinePassed"],
  [6023, "InvalidDeadline"],
  [6024, "AgentNotActivated"],
  [6025, "PartyMismatch"],
  [6026, "ProgramPaused"],
  [6027, "NoEmergencyAddress"],
  [6028, "SelfDealing"],
  [6029, "RentPayerMismatch"],
  [6030, "CampaignNotActive"],
  [6031, "CampaignEnded"],
  [6032, "CampaignBudgetExhausted"],
  [6033, "MaxPerAgentReached"],
  [6034, "DailyLimitReached"],
  [6035, "MaxConcurrentClaims"],
  [6036, "CampaignHasActiveTasks"],
  [6037, "InvalidCampaignParams"],
  [6038, "TaskExpired"],
  [6039, "InvalidWithdrawalAddress"],
  [6040, "MissingProvider"],
  [6041, "InvalidProgramData"],
  [6042, "ProgramImmutable"],
  [6043, "InvalidEmergencyAddress"],
  [6044, "EmergencyAddressLocked"],
  [6045, "ProviderNotRegistered"],
];

describe("program error codes", () => {
  it("keep every pinned code and name", () => {
    const byCode = new Map<number, string>(IDL.errors.map((e) => [e.code, e.name]));
    for (const [code, name] of PINNED) assert.equal(byCode.get(code), name, `error ${code}`);
  });

  it("are contiguous from 6000, so new errors can only be appended", () => {
    IDL.errors.forEach((e, i) => {
      assert.equal(e.code, 6000 + i);
    });
  });
});
