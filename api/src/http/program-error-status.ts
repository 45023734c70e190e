/**
 * The HTTP status of each escrow program error, by its IDL name. One explicit table rather
 * than a rule: a refusal by the program is the agent's request breaking a money rule, never
 * a server fault, so none of these is a 500. A test fails when the IDL gains an error that
 * this table does not place.
 *
 * - 400: the request itself is invalid (amounts, addresses, parameters, malformed accounts);
 * - 403: the agent may not do this (signer, party, activation, cooldown, pause);
 * - 404: the account the request names does not exist;
 * - 409: the request conflicts with the current state (status, deadlines, limits, duplicates).
 */
import { IDL } from "@justpay/sdk";

export type ProgramErrorStatus = 400 | 403 | 404 | 409;

export const PROGRAM_ERROR_STATUS: Readonly<Record<string, ProgramErrorStatus>> = {
  InvalidInstruction: 400,
  NotEnoughAccounts: 400,
  MissingSigner: 403,
  NotWritable: 400,
  InvalidProgramId: 400,
  InvalidOwner: 404,
  InvalidAccountData: 404,
  InvalidAddress: 400,
  Unauthorized: 403,
  InvalidVault: 400,
  InvalidMint: 400,
  InvalidTokenAccount: 400,
  InsufficientFunds: 400,
  Overflow: 400,
  InvalidAmount: 400,
  InvalidConfigValue: 400,
  AlreadyInitialized: 409,
  NoWithdrawalAddress: 400,
  CooldownActive: 403,
  BelowWithdrawMinimum: 400,
  InvalidStatus: 409,
  DeadlineNotReached: 409,
  DeadlinePassed: 409,
  InvalidDeadline: 400,
  AgentNotActivated: 403,
  PartyMismatch: 403,
  ProgramPaused: 403,
  NoEmergencyAddress: 409,
  SelfDealing: 400,
  RentPayerMismatch: 400,
  CampaignNotActive: 409,
  CampaignEnded: 409,
  CampaignBudgetExhausted: 409,
  MaxPerAgentReached: 409,
  DailyLimitReached: 409,
  MaxConcurrentClaims: 409,
  CampaignHasActiveTasks: 409,
  InvalidCampaignParams: 400,
  TaskExpired: 409,
  InvalidWithdrawalAddress: 400,
  MissingProvider: 400,
  InvalidProgramData: 400,
  ProgramImmutable: 403,
  InvalidEmergencyAddress: 400,
  EmergencyAddressLocked: 409,
  ProviderNotRegistered: 404,
};

// The JSON IDL's names are PascalCase (as in the Rust source); its TS type says camelCase.
const IDL_ERRORS = IDL.errors as readonly { name: string; msg?: string }[];
const IDL_MESSAGES = new Map(IDL_ERRORS.map((e) => [e.name, e.msg ?? e.name]));

/** The status and the IDL's own message (without name and code) for a program error. */
export function programErrorAnswer(
  errorName: string | undefined,
): { status: ProgramErrorStatus; message: string } | undefined {
  const status = errorName === undefined ? undefined : PROGRAM_ERROR_STATUS[errorName];
  if (status === undefined || errorName === undefined) return undefined;
  return { status, message: IDL_MESSAGES.get(errorName) ?? errorName };
}
