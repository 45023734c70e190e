/** The agent's own money: balance and ledger. */
import { defineTool } from "../define-tool.js";
import { NoInput, TransactionsInput } from "../tool-inputs.js";

export const balance = defineTool({
  name: "get_balance",
  title: "Balance",
  description:
    "Your balances: available (spendable or withdrawable), escrowed (locked in your jobs and campaigns), " +
    "pending (withdrawals settling) and total, plus any security warnings you should act on.",
  inputSchema: NoInput,
  readOnly: true,
  run: (client) => client.wallet.balance(),
});

export const transactions = defineTool({
  name: "list_transactions",
  title: "Transactions",
  description:
    "Your ledger, newest first: deposits, escrow locks, earnings, spending, refunds, fees and withdrawals, " +
    "each with its amount, direction and Solana transaction signature. Filter by type; page through with page/limit.",
  inputSchema: TransactionsInput,
  readOnly: true,
  run: (client, query) => client.wallet.transactions(query),
});
