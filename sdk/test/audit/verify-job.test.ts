/** verifyJob over JSON-RPC on real jobs, non-jobs and a tampered job. */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { type Connection, Keypair } from "@solana/web3.js";
import { type JobVerification, verifyJob } from "../../src/audit/index.js";
import { AuditedPlatform, type TestAgent, type TestJob, USDC } from "./support/audited-platform.js";

const ALL_CHECKS = [
  "exists",
  "owner",
  "discriminator",
  "size",
  "address",
  "client-ledger",
  "provider-ledger",
  "amount",
  "fee",
  "status",
  "output-hash",
  "backed",
];
const ID_OFFSET = 136; // Job.id (docs/program.md)

const failed = (v: JobVerification) => v.checks.filter((c) => !c.ok).map((c) => c.name);
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

describe("verifyJob", function () {
  this.timeout(60_000);
  let p: AuditedPlatform;
  let client: TestAgent;
  let provider: TestAgent;
  let funded: TestJob;
  let delivered: TestJob;
  let connection: Connection;

  before(async () => {
    // Given a platform with a funded job and a delivered one, read over JSON-RPC
    p = await AuditedPlatform.open();
    client = await p.agent(10n * USDC);
    provider = await p.agent(2n * USDC);
    funded = await p.job(client, provider, 500_000n);
    delivered = await p.job(client, provider, USDC, "the delivered report");
    connection = await p.connect();
  });
  after(() => p.close());
  const verify = (job: TestJob, expect = {}) =>
    verifyJob(connection, job.address, { programId: p.programId, ...expect });

  it("passes every named check on a real funded job", async () => {
    // When the funded job is verified against what its client expects
    const v = await verify(funded, { client: client.wallet.publicKey, amount: 500_000n, status: "Accepted" });
    // Then every check ran and passed
    assert.ok(v.ok, JSON.stringify(v.checks));
    assert.deepEqual(
      v.checks.map((c) => c.name),
      ALL_CHECKS,
    );
    // The seed's example: 500 000 → 15 000
    assert.deepEqual([v.job?.amount, v.job?.fee, v.job?.outputHash], [500_000n, 15_000n, null]);
    assert.equal(v.job?.provider, provider.wallet.publicKey.toBase58());
    assert.ok(v.audit?.ok);
  });

  it("matches a delivered job's output hash, by hash or by the output itself", async () => {
    // When the delivered job is verified against its output, then against that output's hash
    const byOutput = await verify(delivered, { output: "the delivered report", status: "Delivered" });
    const byHash = await verify(delivered, { outputHash: sha256("the delivered report") });
    // Then both match the hash on chain
    assert.ok(byOutput.ok, JSON.stringify(byOutput.checks));
    assert.ok(byHash.ok, JSON.stringify(byHash.checks));
    assert.equal(byOutput.job?.outputHash, sha256("the delivered report"));
  });

  it("fails only the output-hash check on another output", async () => {
    // When the delivered job is verified against an output it was not delivered with
    const v = await verify(delivered, { output: "a different report" });
    // Then that check alone fails
    assert.equal(v.ok, false);
    assert.deepEqual(failed(v), ["output-hash"]);
  });

  it("fails `exists` on an address that holds no account", async () => {
    // When a fresh key is verified as a job, then the first check fails and no job is read
    const v = await verifyJob(connection, Keypair.generate().publicKey, { programId: p.programId });
    assert.deepEqual([v.ok, failed(v), v.job], [false, ["exists"], null]);
  });

  it("fails `discriminator` on a program account that is not a job", async () => {
    // When an agent ledger (owned by the program, but an Agent) is verified as a job
    const v = await verifyJob(connection, client.ledger, { programId: p.programId });
    assert.deepEqual([v.ok, failed(v)], [false, ["discriminator"]]);
  });

  it("fails `owner` on an account the program does not own", async () => {
    // When the vault (a token account) is verified as a job
    const v = await verifyJob(connection, p.addresses.vault, { programId: p.programId });
    assert.deepEqual([v.ok, failed(v)], [false, ["owner"]]);
  });

  it("fails the checks whose values are not what the caller expects", async () => {
    // When the funded job is verified against another provider, amount and status
    const v = await verify(funded, { provider: client.wallet.publicKey, amount: 1n, status: "Delivered" });
    // Then exactly those three fail
    assert.deepEqual(failed(v), ["provider-ledger", "amount", "status"]);
  });
});

describe("verifyJob on a tampered job", function () {
  this.timeout(60_000);
  let p: AuditedPlatform;
  after(() => p.close());

  it("fails `address` when the job's id no longer derives its address", async () => {
    // Given a job whose recorded id was changed behind the program's back
    p = await AuditedPlatform.open();
    const client = await p.agent(10n * USDC);
    const job = await p.job(client, await p.agent(2n * USDC), USDC);
    await p.tamper(job.address, (data) => {
      data.writeBigUInt64LE(job.id + 1_000n, ID_OFFSET);
      return data;
    });
    // When it is verified
    const v = await verifyJob(await p.connect(), job.address, { programId: p.programId });
    // Then the address check names the mismatch, and nothing else fails
    assert.deepEqual(failed(v), ["address"]);
  });
});
