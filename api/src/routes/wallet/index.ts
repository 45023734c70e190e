/**
 * The wallet's read side and deposits (SEED_API.md, Wallet & Payments): balance, deposit
 * address, confirm-deposit and the transaction history. Withdrawals, the withdrawal address
 * and panic are another module under the same prefix. None of these routes needs an
 * activated agent: they are how an agent gets activated.
 */

import {
  BalanceResponse,
  ConfirmDepositResponse,
  DepositAddressResponse,
  ErrorBody,
  IdempotencyHeaders,
  TransactionsQuery,
  TransactionsResponse,
} from "@justpay/sdk/schemas";
import { IDEMPOTENCY_NOTE } from "../../http/idempotency.js";
import { readBalance } from "../../wallet/balance.js";
import { confirmDeposit } from "../../wallet/confirm-deposit.js";
import { readHistory } from "../../wallet/history.js";
import { queueDepositScan } from "../../workers/deposits.js";
import { defineRoutes } from "../route-module.js";
import { TRANSACTIONS_DESCRIPTION } from "./transactions-description.js";

export const walletRoutes = defineRoutes("wallet", "/api/v1/wallet", async (app) => {
  app.get(
    "/balance",
    {
      preHandler: app.requireAgent,
      schema: {
        summary: "Balances in micro-USDC, from the on-chain ledger; also starts a scan for new deposits",
        description:
          "A deposit found by the background scan shows here once credited; POST /wallet/confirm-deposit credits synchronously.",
        response: { 200: BalanceResponse, 401: ErrorBody },
      },
    },
    async (request) => {
      const agent = request.agent!;
      // A balance read must not depend on Redis or the chain being well, nor wait for them.
      queueDepositScan(app.ctx, agent).catch((err) => request.log.warn({ err }, "deposit scan not queued"));
      return readBalance(app.ctx, agent);
    },
  );

  app.get(
    "/deposit-address",
    {
      preHandler: app.requireAgent,
      schema: {
        summary: "Where to send USDC (SPL) on Solana",
        description:
          "The wallet address, as wallets expect: an SPL transfer to a wallet goes to its associated USDC token " +
          "account, which is what the deposit scan watches. Giving the token account itself would make wallets " +
          "create a token account owned by that token account, where funds are lost.",
        response: { 200: DepositAddressResponse, 401: ErrorBody },
      },
    },
    async (request) => ({ address: request.agent!.wallet_address, network: "solana" as const, token: "USDC" as const }),
  );

  app.post(
    "/confirm-deposit",
    {
      preHandler: [app.requireAgent, app.idempotent],
      schema: {
        headers: IdempotencyHeaders,
        summary: "Find and credit new USDC transfers to the wallet; activates on the first deposit of at least 1 USDC",
        description:
          "Each transfer is credited once, however often or concurrently this is called. The first single " +
          "deposit of at least the activation fee records its sender as the emergency address (panic pays only " +
          "there); smaller deposits never do." +
          IDEMPOTENCY_NOTE,
        response: { 200: ConfirmDepositResponse, 401: ErrorBody, 409: ErrorBody },
      },
    },
    async (request) => confirmDeposit(app.ctx, request.agent!),
  );

  app.get(
    "/transactions",
    {
      preHandler: app.requireAgent,
      schema: {
        summary: "Transaction history, paginated, optionally filtered by type",
        description: TRANSACTIONS_DESCRIPTION,
        querystring: TransactionsQuery,
        response: { 200: TransactionsResponse, 400: ErrorBody, 401: ErrorBody },
      },
    },
    async (request) => readHistory(app.ctx.knex, request.agent!.wallet_address, request.query),
  );
});
