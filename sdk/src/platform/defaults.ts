/** The seed API's published fee schedule and limits (SEED_API.md), in micro-USDC and seconds. */
import BN from "bn.js";

export const SEED_CONFIG_PARAMS = {
  activationFee: new BN(1_000_000),
  withdrawMinimum: new BN(5_000_000),
  withdrawFee: new BN(100_000),
  disputeFeeMin: new BN(100_000),
  disputeFeeMax: new BN(5_000_000),
  cooldownSeconds: new BN(86_400),
  reviewWindowSeconds: new BN(300),
  feeBps: 300,
  disputeFeeBps: 500,
  reserved: [0, 0, 0, 0],
  /** Like a campaign's minimum reward: large enough that every job pays a fee. */
  minJobAmount: new BN(1_000),
};
