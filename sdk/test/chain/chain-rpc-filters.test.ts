/**
 * getProgramAccounts filters on the LocalChain RPC node: Anchor's `account.<type>.all()` (a
 * discriminator memcmp) and explicit dataSize / memcmp filters answer what a cluster would,
 * and an unknown filter is a JSON-RPC error rather than a silent unfiltered answer.
 */
import assert from "node:assert/strict";
import { AnchorProvider, Program, type Wallet } from "@coral-xyz/anchor";
import { type Connection, Keypair } from "@solana/web3.js";
import { IDL, type JustpayEscrow } from "../../src/program/idl.js";
import { AuditedPlatform, USDC } from "../audit/support/audited-platform.js";

describe("LocalChain RPC node: getProgramAccounts filters", function () {
  this.timeout(60_000);
  let platform: AuditedPlatform;
  let connection: Connection;
  let program: Program<JustpayEscrow>;
  const wallets: string[] = [];
  before(async () => {
    platform = await AuditedPlatform.open();
    for (let i = 0; i < 3; i++) wallets.push((await platform.agent(5n * USDC)).wallet.publicKey.toBase58());
    connection = await platform.connect();
    const wallet = { publicKey: Keypair.generate().publicKey } as unknown as Wallet;
    program = new Program<JustpayEscrow>(
      { ...IDL, address: platform.programId.toBase58() },
      new AnchorProvider(connection, wallet, {}),
    );
  });
  after(() => platform?.close());

  it("answers Anchor's discriminator memcmp with exactly the accounts of that type", async () => {
    const agents = await program.account.agent.all();
    assert.deepEqual(agents.map((a) => a.account.wallet.toBase58()).sort(), [...wallets].sort());
    const configs = await program.account.config.all();
    assert.equal(configs.length, 1);
  });

  it("combines memcmp on a field with dataSize, every filter having to match", async () => {
    const [one] = await program.account.agent.all([{ memcmp: { offset: 8, bytes: wallets[1]! } }]);
    assert.equal(one?.account.wallet.toBase58(), wallets[1]);
    const size = (await connection.getAccountInfo(one!.publicKey))!.data.length;
    const sized = await connection.getProgramAccounts(platform.programId, { filters: [{ dataSize: size }] });
    assert.ok(sized.some((a) => a.pubkey.equals(one!.publicKey)));
    assert.ok(sized.every((a) => a.account.data.length === size));
    const none = await connection.getProgramAccounts(platform.programId, { filters: [{ dataSize: size + 1 }] });
    assert.equal(none.length, 0);
  });

  it("refuses a filter it does not know with -32602", async () => {
    await assert.rejects(
      connection.getProgramAccounts(platform.programId, {
        filters: [{ tokenAccountState: {} } as unknown as { dataSize: number }],
      }),
      /unsupported filter/,
    );
  });
});
