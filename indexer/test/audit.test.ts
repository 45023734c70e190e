import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { quoteIdent } from "@justpay/db";
import { IDL, USDC_DECIMALS } from "@justpay/sdk";
import { createTransferCheckedInstruction } from "@solana/spl-token";
import { Keypair } from "@solana/web3.js";
import BN from "bn.js";
import { formatReport } from "../src/audit/report.js";
import { runAudit } from "../src/audit/run-audit.js";
import { checkVaultInvariant } from "../src/audit/vault-invariant.js";
import { AccountDecoder } from "../src/decode/account-decoder.js";
import { Indexer } from "../src/indexer.js";
import { freshDatabase, type TestDatabase } from "./support/db.js";
import { agentFields, encodeAccount } from "./support/encode.js";
import { LocalPlatform } from "./support/local-platform.js";
import { availableOperations, randomOperation } from "./support/operations.js";
import { Rng } from "./support/random.js";

const run = promisify(execFile);
const CLI = resolve(__dirname, "../src/audit/cli.ts");
const quiet = { info: () => {}, warn: () => {}, error: () => {} };

describe("justpay audit", function () {
  this.timeout(300_000);
  let p: LocalPlatform;
  let t: TestDatabase;
  let indexer: Indexer;

  const sql = (text: string, params: unknown[] = []) => t.db.em.getConnection().execute(text, params);
  const table = (name: string) => `${quoteIdent(t.schema)}.${quoteIdent(name)}`;
  const audit = () => runAudit({ chain: p.chain, db: t.db, recheckDelayMs: 0 });
  const firstAgent = () => p.agents.find((a) => a.registered)?.ledger.toBase58() ?? "";

  beforeEach(async () => {
    // Given a platform with agents, deposits and jobs, mirrored by a live indexer
    p = await LocalPlatform.open();
    t = await freshDatabase("audit");
    indexer = await Indexer.start({ chain: p.chain, db: t.db, logger: quiet });
    await p.initialize();
    const rng = new Rng(7);
    const operations = availableOperations();
    const register = operations.find((o) => o.kind === "register_agent");
    for (let i = 0; i < 3; i++) await register?.run(p, rng); // the tests below tamper with three agents' rows
    for (let i = 0; i < 40; i++) await randomOperation(p, rng, operations);
    await p.chain.notificationsDelivered();
    await indexer.drain();
  });
  afterEach(async () => {
    await indexer.stop();
    await t.drop();
    await p.close();
  });

  it("passes on a healthy state, with the vault exactly allocated", async () => {
    const report = await audit();
    assert.ok(report.ok, formatReport(report));
    assert.equal(report.invariant.unallocated, 0n);
    assert.equal(report.mirror?.problems.length, 0);
    assert.equal(report.mirror?.accountsChecked, report.accounts);

    // The Σ agent.available term, recomputed independently from the raw chain accounts
    const decoder = new AccountDecoder(IDL);
    const { accounts } = await p.chain.getProgramAccounts(p.chain.programId);
    let available = 0n;
    for (const a of accounts) {
      const d = decoder.decode(a.data);
      if (d.ok && d.spec.name === "Agent") available += BigInt(String(d.fields.available));
    }
    assert.equal(report.invariant.terms.find((x) => x.type === "Agent")?.total, available);
    assert.match(formatReport(report), /AUDIT PASSED/);
  });

  it("fails with the account and field when a mirrored row was tampered with", async () => {
    const victim = firstAgent();
    await sql(`update ${table("chain_agent")} set available = available + 1 where pubkey = ?`, [victim]);
    const report = await audit();
    assert.equal(report.ok, false);
    assert.equal(report.invariant.problems.length, 0, "the chain itself is fine");
    assert.equal(report.mirror?.problems.length, 1);
    const [problem] = report.mirror?.problems ?? [];
    assert.equal(problem?.pubkey, victim);
    assert.match(problem?.problem ?? "", /^available: mirror has (\d+), chain has (\d+)$/);
    const [, mirror, chain] = /mirror has (\d+), chain has (\d+)/.exec(problem?.problem ?? "") ?? [];
    assert.equal(BigInt(mirror ?? 0) - BigInt(chain ?? 0), 1n);
    assert.match(formatReport(report), new RegExp(`FAIL Agent ${victim}: available: mirror has`));
    assert.match(formatReport(report), /AUDIT FAILED/);
  });

  it("reports missing rows, rows closed too early and rows whose account is gone", async () => {
    const agents = p.agents.filter((a) => a.registered).map((a) => a.ledger.toBase58());
    const ghost = Keypair.generate().publicKey.toBase58();
    await sql(`delete from ${table("chain_agent")} where pubkey = ?`, [agents[0]]);
    await sql(`update ${table("chain_agent")} set closed_at = now() where pubkey = ?`, [agents[1]]);
    await sql(
      `insert into ${table("chain_agent")} select ?, slot, null, wallet, emergency_address, withdrawal_address,
         available, total_deposited, total_withdrawn, cooldown_until, activated, bump
       from ${table("chain_agent")} where pubkey = ?`,
      [ghost, agents[2]],
    );
    const problems = (await audit()).mirror?.problems.map((x) => `${x.pubkey} ${x.problem}`).sort();
    assert.deepEqual(
      problems,
      [
        `${agents[0]} no row for this account`,
        `${agents[1]} row is marked closed but the account exists`,
        `${ghost} row is open but the account no longer exists`,
      ].sort(),
    );
  });

  it("reports tokens sent straight to the vault as unallocated, and still passes", async () => {
    const donor = p.agents.find((a) => a.registered) ?? p.newAgent();
    await p.chain.mintUsdc(donor.wallet.publicKey, 3_000_000n);
    await p.sendOk(
      [
        createTransferCheckedInstruction(
          donor.usdc,
          p.chain.usdcMint,
          p.vault,
          donor.wallet.publicKey,
          3_000_000n,
          USDC_DECIMALS,
        ),
      ],
      [donor.wallet],
    );
    const report = await audit();
    assert.ok(report.ok, formatReport(report));
    assert.equal(report.invariant.unallocated, 3_000_000n);
    assert.match(formatReport(report), /unallocated \(surplus\)\s+3\.000000 USDC/);
  });

  it("exits 0 from the command line on a healthy state and 1 with the mismatch after tampering", async () => {
    await indexer.stop();
    await p.chain.close(); // the CLI opens the chain's directory itself, which takes its lock
    const args = [CLI, "--data-dir", p.dataDir, "--schema", t.schema, "--quiet"];
    const healthy = await run(process.execPath, ["--import", "tsx", ...args]);
    assert.match(healthy.stdout, /AUDIT PASSED/);

    const victim = firstAgent();
    await sql(`update ${table("chain_agent")} set total_deposited = total_deposited + 7 where pubkey = ?`, [victim]);
    const failed = await run(process.execPath, ["--import", "tsx", ...args]).then(
      () => assert.fail("the audit should have exited non-zero"),
      (e: { code: number; stdout: string }) => e,
    );
    assert.equal(failed.code, 1);
    assert.match(failed.stdout, new RegExp(`FAIL Agent ${victim}: total_deposited: mirror has \\d+, chain has \\d+`));
    assert.match(failed.stdout, /AUDIT FAILED/);
  });
});

describe("audit: the vault invariant", () => {
  const decoder = new AccountDecoder(IDL);
  const agent = async (available: bigint) => {
    const d = decoder.decode(await encodeAccount("Agent", agentFields({ available: new BN(available.toString()) })));
    assert.ok(d.ok);
    return { pubkey: Keypair.generate().publicKey.toBase58(), spec: d.spec, fields: d.fields, row: d.row };
  };
  const config = async (fees: bigint) => {
    const spec = decoder.spec("Config");
    assert.ok(spec);
    return { pubkey: "config", spec, fields: { fees_accrued: fees.toString(), usdc_mint: "mint" }, row: {} };
  };
  const vault = (amount: bigint) => ({ address: "vault", amount, mint: "mint" });

  it("flags a vault holding less than it owes", async () => {
    const report = checkVaultInvariant([await agent(5n), await agent(7n), await config(3n)], vault(14n), "mint");
    assert.deepEqual(report.problems, ["vault holds 14 but 15 is owed: short by 1"]);
  });

  it("refuses account types it does not know how to count", async () => {
    const unknown = { ...(await agent(1n)), spec: { ...(await agent(1n)).spec, name: "Mystery" } };
    const report = checkVaultInvariant([unknown, await config(0n)], vault(0n), "mint");
    assert.match(report.problems[0] ?? "", /account type Mystery .* is not classified in LOCKED_AMOUNTS/);
  });

  it("flags a vault of the wrong mint", async () => {
    const report = checkVaultInvariant([await config(0n)], { address: "vault", amount: 0n, mint: "other" }, "mint");
    assert.deepEqual(report.problems, ["the vault's mint other is not the config's mint"]);
  });
});
