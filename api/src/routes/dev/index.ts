/**
 * Local mode's helpers for walking the seed's Quick Start by hand (no cluster configured, so
 * the chain is the embedded LocalChain): test USDC from a "personal wallet", and moving the
 * chain's clock with every deadline that became due swept. In any other mode none of these
 * routes exists, so they answer 404 like any unknown path.
 */

import { LocalChain } from "@justpay/sdk";
import { z } from "zod";
import { ErrorBody } from "../../http/schemas.js";
import { MICRO_PER_USDC } from "../../money/usdc.js";
import { SolanaAddress } from "../../wallet/solana-address.js";
import { DEADLINES } from "../../workers/deadlines/index.js";
import { defineRoutes } from "../route-module.js";
import { fundFromPersonalWallet } from "./fund.js";

/** 10 000 USDC per call: plenty for any walk-through, and no u64 surprises. */
export const MAX_DEV_FUND = 10_000n * MICRO_PER_USDC;
/** One year per call. */
export const MAX_ADVANCE_SECONDS = 365 * 86_400;

const FundBody = z.object({
  address: SolanaAddress,
  amount: z
    .number()
    .int()
    .min(1)
    .max(Number(MAX_DEV_FUND))
    .describe("Micro-USDC (1 000 000 = 1 USDC), at most 10 000 USDC"),
});

const AdvanceBody = z.object({
  seconds: z.number().int().min(1).max(MAX_ADVANCE_SECONDS).describe("How far to move the chain's clock"),
});

export const devRoutes = defineRoutes("dev", "/api/v1/dev", async (app) => {
  const chain = app.ctx.chain;
  if (!app.ctx.config.localMode || !(chain instanceof LocalChain)) return;

  app.post(
    "/fund",
    {
      schema: {
        summary: "Local mode: send test USDC to an address from a fresh personal wallet, in a real SPL transfer",
        body: FundBody,
        response: { 200: z.object({ signature: z.string(), from: z.string() }), 400: ErrorBody },
      },
    },
    async (request) => fundFromPersonalWallet(chain, request.body.address, BigInt(request.body.amount)),
  );

  app.post(
    "/advance-time",
    {
      schema: {
        summary: "Local mode: move the chain's clock forward, then crank every deadline that became due",
        body: AdvanceBody,
        response: { 200: z.object({ unixTimestamp: z.number().int() }), 400: ErrorBody },
      },
    },
    async (request) => {
      await chain.warpTo((await chain.unixTime()) + BigInt(request.body.seconds));
      const now = await chain.unixTime();
      const reports = await DEADLINES.runDue(app.ctx, now);
      request.log.info({ now: Number(now), reports }, "advanced the chain clock");
      return { unixTimestamp: Number(now) };
    },
  );
});
