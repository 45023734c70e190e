/** The OpenAPI description of `GET /wallet/transactions`: which events make which entries. */
import { HISTORY_MAPPING } from "../../wallet/history-entries.js";

export const TRANSACTIONS_DESCRIPTION = [
  "Built from the program's indexed events, newest first. Each event the program emits that",
  "moves the agent's money makes these entries (zero amounts are left out):",
  "",
  ...HISTORY_MAPPING.map((line) => `- ${line}`),
].join("\n");
