/** Request and response shapes of the withdrawal routes (SEED_API.md, Wallet & Payments). */
import { z } from "zod";
import { walletAddressProblem } from "../../withdrawals/withdrawal-address.js";

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
