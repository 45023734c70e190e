/** The wallet routes (SEED_API.md, Wallet & Payments): balance, deposits, history, withdrawals. */
import { z } from "zod";
import { walletAddressProblem } from "./addresses.js";
import { TRANSACTION_TYPES } from "./enums.js";

const Micro = z.string().regex(/^\d+$/).describe("Micro-USDC (1 000 000 = 1 USDC), as a string");

export const BalanceResponse = z.object({
  available: Micro.describe("Ready to spend or withdraw: the ledger's available less pending withdrawals"),
  pending: Micro.describe("Withdrawals accepted and not yet settled on-chain"),
  escrowed: Micro.describe("Locked in open jobs the agent funded, its campaigns' pools and their tasks in progress"),
  total: Micro.describe("available + pending + escrowed"),
  withdrawalAddress: z.string().nullable(),
  warnings: z
    .array(z.string())
    .optional()
    .describe("Present only when there is a security concern, e.g. the withdrawal address changed within 24 h"),
});

export const DepositAddressResponse = z.object({
  address: z
    .string()
    .describe("The agent's wallet. Send USDC to it as to any wallet: the tokens land in its USDC token account"),
  network: z.literal("solana"),
  token: z.literal("USDC"),
});

export const ConfirmDepositResponse = z.object({
  message: z.string(),
  depositsFound: z.number().int(),
  totalCredited: Micro.optional().describe("The deposits' sum before the one-time activation fee"),
  activated: z.boolean().optional(),
  action: z
    .object({
      type: z.literal("set_withdrawal_address"),
      suggestedAddress: z.string(),
      message: z.string(),
    })
    .optional()
    .describe("Only when no withdrawal address is set: the wallet the funds came from"),
});

export const TransactionsQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  type: z.enum(TRANSACTION_TYPES).optional(),
});

export const TransactionEntry = z.object({
  id: z.string(),
  type: z.enum(TRANSACTION_TYPES),
  amount: Micro,
  direction: z.enum(["in", "out"]),
  signature: z.string().describe("The Solana transaction; look it up on any explorer"),
  slot: z.number().int(),
  createdAt: z.string(),
  reference: z.string().nullable().describe("The job, campaign or task account, or the outside address"),
});

export const TransactionsResponse = z.object({
  transactions: z.array(TransactionEntry),
  pagination: z.object({ page: z.number().int(), limit: z.number().int(), total: z.number().int() }),
});

const MicroUnits = z.string().regex(/^\d+$/).describe("micro-USDC (1 000 000 = 1 USDC) as a string");

export const WithdrawalAddressBody = z.object({
  address: z
    .string()
    .superRefine((text, check) => {
      const problem = walletAddressProblem(text);
      if (problem) check.addIssue({ code: "custom", message: problem });
    })
    .describe("The base58 public key of a wallet you control"),
});

export const WithdrawalAddressAnswer = z.object({
  message: z.string(),
  cooldownUntil: z.string().nullable().describe("ISO 8601 end of the security cooldown; null when none runs"),
});

export const WithdrawBody = z.object({
  amount: z
    .number()
    .int()
    .positive()
    .describe("Micro-units debited, the fee included; at least the on-chain minimum (5 000 000)"),
});

export const WithdrawAnswer = z.object({
  message: z.literal("Withdrawal queued for processing"),
  transactionId: z.string().describe("The withdrawal request's id"),
  fee: MicroUnits.describe("Kept from the amount for the network cost (0.10 USDC)"),
  netAmount: MicroUnits.describe("What reaches the withdrawal address on-chain: amount − fee"),
});

export const PanicAnswer = z.object({
  message: z.string(),
  emergencyAddress: z.string(),
  amountWithdrawn: MicroUnits,
  transactionId: z.string(),
});
