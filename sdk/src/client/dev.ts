/** `c.dev`: local mode's helpers (the routes exist only when the API runs on its embedded chain). */
import type * as S from "../api-schemas/index.js";
import { type Amount, toWireNumber } from "./amounts.js";
import { Namespace } from "./call.js";
import type { Answer } from "./types.js";

export class DevApi extends Namespace {
  /** Test USDC to `address` from a fresh personal wallet, in a real SPL transfer. */
  fund(address: string, amount: Amount): Promise<Answer<typeof S.DevFundAnswer>> {
    const body = { address, amount: toWireNumber(amount, "amount") };
    return this.call({ method: "POST", path: "/dev/fund", body });
  }

  /** Moves the chain's clock forward and cranks every deadline that became due. */
  advanceTime(seconds: number): Promise<Answer<typeof S.AdvanceTimeAnswer>> {
    return this.call({ method: "POST", path: "/dev/advance-time", body: { seconds } });
  }
}
