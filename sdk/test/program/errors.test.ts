/** Reading the program's error from a failed transaction's logs. */
import assert from "node:assert/strict";
import { anchorErrorFromLogs, customErrorFromLogs, JustPayProgramError, PROGRAM_ID } from "../../src/program/index.js";

const ours = PROGRAM_ID.toBase58();
const TOKEN = "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA";
const anchorLine = (name: string, code: number, msg: string) =>
  `Program log: AnchorError occurred. Error Code: ${name}. Error Number: ${code}. Error Message: ${msg}.`;

describe("program errors from transaction logs", () => {
  it("reads the program's Anchor error line as a typed error", () => {
    // Given the logs of an instruction the program refused
    const logs = [
      `Program ${ours} invoke [1]`,
      anchorLine("NoWithdrawalAddress", 6017, "No withdrawal address has been set"),
      `Program ${ours} consumed 1200 of 200000 compute units`,
      `Program ${ours} failed: custom program error: 0x1781`,
    ];
    // Then both readers name the program's error
    const e = anchorErrorFromLogs(logs);
    assert.ok(e instanceof JustPayProgramError);
    assert.deepEqual([e.code, e.name, e.message], [6017, "NoWithdrawalAddress", "No withdrawal address has been set"]);
    assert.equal(customErrorFromLogs(logs), 6017);
  });

  it("ignores an Anchor line that is not one of this program's errors", () => {
    // Given another Anchor program's error, whose number means something else here
    const logs = [anchorLine("ConstraintSeeds", 2006, "A seeds constraint was violated")];
    const clash = [anchorLine("SomethingElse", 6017, "Another program's error")];
    // Then neither is taken for this program's error
    assert.equal(anchorErrorFromLogs(logs), undefined);
    assert.equal(anchorErrorFromLogs(clash), undefined);
  });

  it("falls back to the runtime's line when the program logged none, as for a failing token CPI", () => {
    // Given a token transfer that failed inside the program's instruction (no Anchor line)
    const logs = [
      `Program ${ours} invoke [1]`,
      `Program ${TOKEN} invoke [2]`,
      "Program log: Error: insufficient funds",
      `Program ${TOKEN} failed: custom program error: 0x1`,
      `Program ${ours} failed: custom program error: 0x1`,
    ];
    // Then the code is the runtime's, and no program error is invented
    assert.equal(anchorErrorFromLogs(logs), undefined);
    assert.equal(customErrorFromLogs(logs), 1);
  });
});
