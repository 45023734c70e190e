/** auditVault over JSON-RPC: healthy, donated-to and tampered vaults of a real platform. */
import assert from "node:assert/strict";
import type { Connection } from "@solana/web3.js";
import { auditVault, type VaultAuditReport } from "../../src/audit/index.js";
import { AuditedPlatform, type TestAgent, USDC } from "./support/audited-platform.js";

const ACTIVATION_FEE = USDC; // SEED_CONFIG_PARAMS: charged once, into config.fees_accrued
const AVAILABLE_OFFSET = 104; // Agent.available (docs/program.md)

const total = (r: VaultAuditReport, type: string) => r.totals.find((t) => t.type === type)?.total;

/** Three agents deposit 35 USDC; two jobs lock 2 + 1 USDC plus 3 % fees. */
async function busyPlatform(): Promise<{ p: AuditedPlatform; agents: TestAgent[] }> {
  const p = await AuditedPlatform.open();
  const agents = [await p.agent(10n * USDC), await p.agent(20n * USDC), await p.agent(5n * USDC)];
  const [a, b, c] = agents as [TestAgent, TestAgent, TestAgent];
  await p.job(a, b, 2n * USDC);
  await p.job(b, c, USDC, "the delivered report");
  return { p, agents };
}

const DEPOSITED = 35n * USDC;
const JOBS_LOCKED = 2n * USDC + 60_000n + USDC + 30_000n;
const FEES = 3n * ACTIVATION_FEE;

describe("auditVault", function () {
  this.timeout(60_000);

  describe("on a healthy platform", () => {
    let p: AuditedPlatform;
    let connection: Connection;
    before(async () => {
      // Given a platform with deposits and jobs, read over JSON-RPC
      ({ p } = await busyPlatform());
      connection = await p.connect();
    });
    after(() => p.close());

    it("passes with exact totals per kind and no surplus", async () => {
      // When the vault is audited
      const r = await auditVault(connection, p.programId);
      // Then everything in the vault is owed to someone, term by term
      assert.ok(r.ok, JSON.stringify(r.problems));
      assert.equal(r.vault?.amount, DEPOSITED);
      assert.equal(total(r, "Job"), JOBS_LOCKED);
      assert.equal(total(r, "Config"), FEES);
      assert.equal(total(r, "Agent"), DEPOSITED - FEES - JOBS_LOCKED);
      assert.equal(r.totals.find((t) => t.type === "Agent")?.accounts, 3);
      assert.deepEqual([r.allocated, r.surplus, r.undecodable.length], [DEPOSITED, 0n, 0]);
    });

    it("reports a donation as unallocated surplus and still passes", async () => {
      // Given someone sent 1.5 USDC straight to the vault
      await p.donate(1_500_000n);
      // When the vault is audited
      const r = await auditVault(connection, p.programId);
      // Then the donation is surplus, owed to nobody
      assert.ok(r.ok, JSON.stringify(r.problems));
      assert.deepEqual([r.vault?.amount, r.allocated, r.surplus], [DEPOSITED + 1_500_000n, DEPOSITED, 1_500_000n]);
    });
  });

  describe("on a tampered platform", () => {
    let p: AuditedPlatform;
    let agents: TestAgent[];
    beforeEach(async () => {
      ({ p, agents } = await busyPlatform());
    });
    afterEach(() => p.close());

    it("fails naming an account that is not a valid program account", async () => {
      // Given an agent ledger whose size was changed behind the program's back
      const victim = agents[1]?.ledger;
      assert.ok(victim);
      await p.tamper(victim, (data) => Buffer.concat([data, Buffer.alloc(1)]));
      // When the vault is audited
      const r = await auditVault(await p.connect(), p.programId);
      // Then the audit fails and names the ledger it could not read
      assert.equal(r.ok, false);
      assert.deepEqual(
        r.undecodable.map((u) => u.address),
        [victim.toBase58()],
      );
      assert.ok(r.problems.some((x) => x.address === victim.toBase58() && /cannot be decoded/.test(x.message)));
    });

    it("fails when an account claims more than the vault holds", async () => {
      // Given an agent ledger whose balance was raised by one micro-USDC
      const victim = agents[0]?.ledger;
      assert.ok(victim);
      await p.tamper(victim, (data) => {
        data.writeBigUInt64LE(data.readBigUInt64LE(AVAILABLE_OFFSET) + 1n, AVAILABLE_OFFSET);
        return data;
      });
      // When the vault is audited
      const r = await auditVault(await p.connect(), p.programId);
      // Then the vault is short by exactly that much
      assert.equal(r.ok, false);
      assert.equal(r.allocated, DEPOSITED + 1n);
      assert.ok(r.problems.some((x) => x.address === p.addresses.vault.toBase58() && /short by 1$/.test(x.message)));
    });
  });
});
