/** The wire shapes of the wallet routes (SEED_API.md, Wallet & Payments). */
import { z } from "zod";
import { HISTORY_MAPPING, TRANSACTION_TYPES } from "../../wallet/history-entries.js";

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

export const TransactionsResponse = z.object({
  transactions: z.array(
    z.object({
      id: z.string(),
      type: z.enum(TRANSACTION_TYPES),
      amount: Micro,
      direction: z.enum(["in", "out"]),
      signature: z.string().describe("The Solana transaction; look it up on any explorer"),
      slot: z.number().int(),
      createdAt: z.string(),
      reference: z.string().nullable().describe("The job, campaign or task account, or the outside address"),
    }),
  ),
  pagination: z.object({ page: z.number().int(), limit: z.number().int(), total: z.number().int() }),
});

export const TRANSACTIONS_DESCRIPTION = [
  "Built from the program's indexed events, newest first. Each event the program emits that",
  "moves the agent's money makes these entries (zero amounts are left out):",
  "",
  ...HISTORY_MAPPING.map((line) => `- ${line}`),
].join("\n");
