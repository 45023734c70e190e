/** `c.wallet`: balance, deposits, history and withdrawals (SEED_API.md, Wallet & Payments). */
import type * as S from "../api-schemas/index.js";
import { amountsToWire } from "./amounts.js";
import { Namespace, q } from "./call.js";
import { iteratePages } from "./paging.js";
import type { Answer, Body, CallOptions, Query } from "./types.js";

export type TransactionsQuery = Query<typeof S.TransactionsQuery>;
export type TransactionEntry = Answer<typeof S.TransactionEntry>;

export class WalletApi extends Namespace {
  balance(): Promise<Answer<typeof S.BalanceResponse>> {
    return this.call({ method: "GET", path: "/wallet/balance" });
  }

  depositAddress(): Promise<Answer<typeof S.DepositAddressResponse>> {
    return this.call({ method: "GET", path: "/wallet/deposit-address" });
  }

  /** Credits the USDC that reached the wallet (and activates the agent on its first deposit). */
  confirmDeposit(options?: CallOptions): Promise<Answer<typeof S.ConfirmDepositResponse>> {
    return this.money({ method: "POST", path: "/wallet/confirm-deposit" }, options);
  }

  transactions(query?: TransactionsQuery): Promise<Answer<typeof S.TransactionsResponse>> {
    return this.call({ method: "GET", path: "/wallet/transactions", query: q(query) });
  }

  /** Every history entry, newest first, page after page. */
  iterateTransactions(query: TransactionsQuery = {}): AsyncGenerator<TransactionEntry, void, undefined> {
    return iteratePages(
      (page) => this.transactions({ ...query, page }),
      (p) => p.transactions,
      query.page,
    );
  }

  setWithdrawalAddress(address: string): Promise<Answer<typeof S.WithdrawalAddressAnswer>> {
    return this.call({ method: "PUT", path: "/wallet/withdrawal-address", body: { address } });
  }

  /** `amount` is debited, the network fee included. */
  withdraw(body: Body<typeof S.WithdrawBody>, options?: CallOptions): Promise<Answer<typeof S.WithdrawAnswer>> {
    return this.money({ method: "POST", path: "/wallet/withdraw", body: amountsToWire(body) }, options);
  }

  /** Everything available goes to the emergency address, at once. */
  panic(options?: CallOptions): Promise<Answer<typeof S.PanicAnswer>> {
    return this.money({ method: "POST", path: "/wallet/panic" }, options);
  }
}
