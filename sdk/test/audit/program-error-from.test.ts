/** programErrorFrom on real refused transactions: LocalChain outcomes and web3.js errors over JSON-RPC. */
import assert from "node:assert/strict";
import { SendTransactionError } from "@solana/web3.js";
import { IDL } from "../../src/program/idl.js";
import { JustPayProgramError, programErrorFrom } from "../../src/program/index.js";
import { AuditedPlatform, type TestAgent, USDC } from "./support/audited-platform.js";

// The JSON IDL names errors in PascalCase; its generated TS type says camelCase.
const SELF_DEALING = (IDL.errors as readonly { name: string; code: number; msg?: string }[]).find(
  (e) => e.name === "SelfDealing",
);

describe("programErrorFrom", function () {
  this.timeout(60_000);
  let p: AuditedPlatform;
  let agent: TestAgent;
  // A job whose client is its own provider: the program refuses it with SelfDealing.
  const selfDealing = async () => {
    const { ix } = await p.createJobInstruction(agent, agent, USDC);
    return { ix, signers: [agent.wallet, p.operator] };
  };
  const assertSelfDealing = (e: JustPayProgramError | undefined) => {
    assert.ok(e instanceof JustPayProgramError);
    assert.deepEqual([e.code, e.name, e.message], [SELF_DEALING?.code, "SelfDealing", SELF_DEALING?.msg]);
  };

  before(async () => {
    // Given a platform with one funded agent
    p = await AuditedPlatform.open();
    agent = await p.agent(10n * USDC);
  });
  after(() => p.close());

  it("maps a refused transaction's outcome, its logs and its code", async () => {
    // When the chain refuses a self-dealing job
    const { ix, signers } = await selfDealing();
    const outcome = await p.send([ix], signers);
    // Then the outcome, its logs alone and its code alone all give the IDL's error
    assert.notEqual(outcome.err, null);
    assertSelfDealing(programErrorFrom(outcome));
    assertSelfDealing(programErrorFrom(outcome.logs));
    assertSelfDealing(programErrorFrom(SELF_DEALING?.code));
  });

  it("maps web3.js's SendTransactionError from a refused preflight", async () => {
    // Given a Connection over JSON-RPC
    const connection = await p.connect();
    const { ix, signers } = await selfDealing();
    // When web3.js sends the refused transaction with preflight
    const thrown = await connection.sendRawTransaction((await p.signed([ix], signers)).serialize()).then(
      () => undefined,
      (e: unknown) => e,
    );
    // Then its error maps by the Anchor line in its logs
    assert.ok(thrown instanceof SendTransactionError);
    assertSelfDealing(programErrorFrom(thrown));
  });

  it("maps the InstructionError of a landed failure, by code", async () => {
    // When the refused transaction is sent without preflight and lands
    const connection = await p.connect();
    const { ix, signers } = await selfDealing();
    const signature = await connection.sendRawTransaction((await p.signed([ix], signers)).serialize(), {
      skipPreflight: true,
    });
    const status = (await connection.getSignatureStatuses([signature])).value[0];
    // Then the status's { InstructionError: [0, { Custom }] } maps by code
    assertSelfDealing(programErrorFrom({ err: status?.err }));
  });

  it("gives undefined for what is not one of the program's errors", () => {
    // A token program's code, an unknown code and an unrelated error map to nothing
    assert.equal(programErrorFrom(1), undefined);
    assert.equal(programErrorFrom(["Program Tokenkeg failed: custom program error: 0x1"]), undefined);
    assert.equal(programErrorFrom(new Error("socket hang up")), undefined);
  });
});
