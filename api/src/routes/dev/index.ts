/**
 * Local mode's helpers for walking the seed's Quick Start by hand (no cluster configured, so
 * the chain is the embedded LocalChain): test USDC from a "personal wallet", and moving the
 * chain's clock with every deadline that became due swept. In any other mode none of these
 * routes exists, so they answer 404 like any unknown path.
 */

import { LocalChain } from "@justpay/sdk";
import {
  AdvanceTimeAnswer,
  AdvanceTimeBody,
  DevFundAnswer,
  DevFundBody,
  ErrorBody,
  MAX_ADVANCE_SECONDS,
  MAX_DEV_FUND_MICRO,
} from "@justpay/sdk/schemas";
import { DEADLINES } from "../../workers/deadlines/index.js";
import { defineRoutes } from "../route-module.js";
import { fundFromPersonalWallet } from "./fund.js";

/** 10 000 USDC per call: plenty for any walk-through, and no u64 surprises. */
export const MAX_DEV_FUND = BigInt(MAX_DEV_FUND_MICRO);
export { MAX_ADVANCE_SECONDS };

export const devRoutes = defineRoutes("dev", "/api/v1/dev", async (app) => {
  const chain = app.ctx.chain;
  if (!app.ctx.config.localMode || !(chain instanceof LocalChain)) return;

  app.post(
    "/fund",
    {
      schema: {
        summary: "Local mode: send test USDC to an address from a fresh personal wallet, in a real SPL transfer",
        body: DevFundBody,
        response: { 200: DevFundAnswer, 400: ErrorBody },
      },
    },
    async (request) => fundFromPersonalWallet(chain, request.body.address, BigInt(request.body.amount)),
  );

  app.post(
    "/advance-time",
    {
      schema: {
        summary: "Local mode: move the chain's clock forward, then crank every deadline that became due",
        body: AdvanceTimeBody,
        response: { 200: AdvanceTimeAnswer, 400: ErrorBody },
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
