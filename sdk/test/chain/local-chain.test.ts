import { describeChainContract } from "./contract.js";
import { localHarness } from "./local-harness.js";

describeChainContract("LocalChain", localHarness);
