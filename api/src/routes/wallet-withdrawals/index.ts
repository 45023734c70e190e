/**
 * Money out of the vault: the withdrawal address, withdrawals (queued, settled by
 * workers/withdrawals.ts) and the panic exit. Registered on `/api/v1/wallet` beside the
 * wallet module's balance and deposit routes.
 */

import {
  ErrorBody,
  IdempotencyHeaders,
  PanicAnswer,
  WithdrawAnswer,
  WithdrawalAddressAnswer,
  WithdrawalAddressBody,
  WithdrawBody,
} from "@justpay/sdk/schemas";
import { IDEMPOTENCY_NOTE } from "../../http/idempotency.js";
import { panic } from "../../withdrawals/panic.js";
import { requestWithdrawal } from "../../withdrawals/request-withdrawal.js";
import { setWithdrawalAddress } from "../../withdrawals/set-withdrawal-address.js";
import { defineRoutes } from "../route-module.js";

/** SEED_API.md, Emergency Panic Withdrawal: the message, verbatim. */
export const PANIC_MESSAGE =
  "Your funds have been sent to your original deposit wallet. If you have been compromised, stop using this agent and register a new one. If this was you, simply fund your wallet again — no activation fee will be charged.";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 409: ErrorBody };

export const walletWithdrawalRoutes = defineRoutes("wallet-withdrawals", "/api/v1/wallet", async (app) => {
  const idempotencyKeyOf = (headers: Record<string, unknown>) =>
    typeof headers["idempotency-key"] === "string" ? headers["idempotency-key"] : null;

  app.put(
    "/withdrawal-address",
    {
      preHandler: app.requireAgent,
      schema: {
        summary: "Set Withdrawal Address",
        description:
          "Sets the wallet withdrawals pay. The first address takes effect at once; a change starts the " +
          "24 h security cooldown (no withdrawals until `cooldownUntil`) and sends the `wallet.address_changed` webhook.",
        body: WithdrawalAddressBody,
        response: { 200: WithdrawalAddressAnswer, ...errors },
      },
    },
    async (request) => {
      const result = await setWithdrawalAddress(app.ctx, request.agent!, request.body.address);
      return {
        message: result.changed
          ? "Withdrawal address changed. 24h security cooldown started."
          : "Withdrawal address set",
        cooldownUntil: result.cooldownUntil,
      };
    },
  );

  app.post(
    "/withdraw",
    {
      preHandler: [app.requireAgent, app.idempotent],
      schema: {
        summary: "Request Withdrawal",
        description:
          "Queues a withdrawal to your withdrawal address; a worker settles it on Solana within seconds and " +
          "it counts as `pending` until then. The flat fee is deducted from `amount`: `netAmount` arrives. " +
          "Refused with 400 (no address, below the minimum, too little available) or 403 (cooldown)." +
          IDEMPOTENCY_NOTE,
        headers: IdempotencyHeaders,
        body: WithdrawBody,
        response: { 200: WithdrawAnswer, ...errors },
      },
    },
    async (request) => {
      const row = await requestWithdrawal(
        app.ctx,
        request.agent!,
        BigInt(request.body.amount),
        idempotencyKeyOf(request.headers),
      );
      return {
        message: "Withdrawal queued for processing" as const,
        transactionId: row.id,
        fee: BigInt(row.fee).toString(),
        netAmount: (BigInt(row.amount) - BigInt(row.fee)).toString(),
      };
    },
  );

  app.post(
    "/panic",
    {
      preHandler: [app.requireAgent, app.idempotent],
      schema: {
        summary: "Emergency Panic Withdrawal",
        description:
          "Sends your whole available balance to your emergency address (the wallet your first deposit came " +
          "from), bypassing any cooldown; queued withdrawals not yet sent are cancelled. No body. 409 when no " +
          "emergency address is recorded, 400 when there is nothing to withdraw." +
          IDEMPOTENCY_NOTE,
        headers: IdempotencyHeaders,
        response: { 200: PanicAnswer, ...errors },
      },
    },
    async (request) => {
      const result = await panic(app.ctx, request.agent!, idempotencyKeyOf(request.headers));
      return {
        message: PANIC_MESSAGE,
        emergencyAddress: result.emergencyAddress,
        amountWithdrawn: result.amountWithdrawn.toString(),
        transactionId: result.request.id,
      };
    },
  );
});
