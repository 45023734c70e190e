/** The program-test toolkit that benchmarks reuse: a platform on a chosen runtime, its agents, jobs and campaigns. */
export { acceptAdminIx, collectFeesIx, proposeAdminIx, updateConfigIx } from "./admin.js";
export { fundedAgent, TestAgent } from "./agents.js";
export { DEFAULT_CAMPAIGN, openCampaign, TestCampaign, warpBy } from "./campaigns.js";
export { newJob } from "./jobs.js";
export { Platform, RUNTIMES, type SentTx } from "./platform.js";
export { externalUsdcAccount, panicIx, pinEmergencyAddressIx, setWithdrawalAddressIx, withdrawIx } from "./wallet.js";
