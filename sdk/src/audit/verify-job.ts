/**
 * `verifyJob`: one job checked on-chain from a Connection alone, every check named, so an
 * auditor (or a provider about to start work) can see that the job is real, priced as the
 * config says, and backed by the vault. Type checks come first: when the account is not a
 * job, the later checks would read garbage, so they are not run.
 */
import { createHash } from "node:crypto";
import { type Connection, PublicKey } from "@solana/web3.js";
import { PROGRAM_ID } from "../program/coder.js";
import { agentPda, configPda, JOB_BUMP, SEEDS } from "../program/pdas.js";
import { ProgramAccountDecoder } from "./account-decoder.js";
import { auditVault, type VaultAuditReport } from "./audit-vault.js";

export type JobCheckName =
  | "exists"
  | "owner"
  | "discriminator"
  | "size"
  | "address"
  | "client-ledger"
  | "provider-ledger"
  | "amount"
  | "fee"
  | "status"
  | "output-hash"
  | "backed";

export interface JobCheck {
  name: JobCheckName;
  ok: boolean;
  detail: string;
}

export interface JobExpectation {
  programId?: PublicKey;
  /** The delivered output's sha256 (32 bytes or 64 hex digits)… */
  outputHash?: Uint8Array | string;
  /** …or the output itself, hashed here. */
  output?: Uint8Array | string;
  status?: string;
  amount?: bigint;
  client?: PublicKey;
  provider?: PublicKey;
}

export interface JobSummary {
  client: string;
  provider: string | null;
  id: bigint;
  amount: bigint;
  fee: bigint;
  status: string;
  outputHash: string | null;
}

export interface JobVerification {
  ok: boolean;
  address: string;
  job: JobSummary | null;
  checks: JobCheck[];
  audit: VaultAuditReport | null;
}

const ZERO = PublicKey.default.toBase58();
const big = (v: unknown) => BigInt(String(v));
const hex = (v: unknown) => Buffer.from(v as number[]).toString("hex");
const u64le = (n: bigint) => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(n);
  return b;
};

function expectedHash(expect: JobExpectation): string | undefined {
  if (expect.outputHash !== undefined)
    return typeof expect.outputHash === "string"
      ? expect.outputHash.toLowerCase()
      : Buffer.from(expect.outputHash).toString("hex");
  if (expect.output !== undefined) return createHash("sha256").update(expect.output).digest("hex");
  return undefined;
}

/** The job's address must be the one `create_job` can create: ["job", client, id] at bump 255. */
function derivedAddress(programId: PublicKey, client: PublicKey, id: bigint): string | null {
  try {
    const seeds = [SEEDS.job, client.toBuffer(), u64le(id), Buffer.from([JOB_BUMP])];
    return PublicKey.createProgramAddressSync(seeds, programId).toBase58();
  } catch {
    return null;
  }
}

export async function verifyJob(
  connection: Connection,
  jobAddress: PublicKey,
  expect: JobExpectation = {},
): Promise<JobVerification> {
  const programId = expect.programId ?? PROGRAM_ID;
  const decoder = new ProgramAccountDecoder();
  const checks: JobCheck[] = [];
  const check = (name: JobCheckName, ok: boolean, detail: string) => {
    checks.push({ name, ok, detail });
    return ok;
  };
  const result = (job: JobSummary | null, audit: VaultAuditReport | null): JobVerification => ({
    ok: checks.every((c) => c.ok),
    address: jobAddress.toBase58(),
    job,
    checks,
    audit,
  });

  const account = await connection.getAccountInfo(jobAddress);
  if (!account) {
    check("exists", false, "no account (never created, or settled and closed)");
    return result(null, null);
  }
  check("exists", true, "account found");
  const layout = decoder.layoutOf("Job");
  if (!layout) throw new Error("the IDL has no Job account");
  if (!check("owner", account.owner.equals(programId), `owned by ${account.owner.toBase58()}`))
    return result(null, null);
  const discriminator = account.data.subarray(0, 8);
  if (
    !check(
      "discriminator",
      layout.discriminator.equals(discriminator),
      `discriminator ${discriminator.toString("hex")}`,
    )
  )
    return result(null, null);
  if (!check("size", account.data.length === layout.size, `${account.data.length} bytes, a job has ${layout.size}`))
    return result(null, null);
  const decoded = decoder.decode(account.data);
  if (!decoded.ok) {
    check("size", false, decoded.reason);
    return result(null, null);
  }

  const f = decoded.fields;
  const client = new PublicKey(String(f.client));
  const provider = String(f.provider) === ZERO ? null : new PublicKey(String(f.provider));
  const status = Object.keys(f.status as object)[0] ?? "?";
  const outputHash = hex(f.output_hash);
  const job: JobSummary = {
    client: client.toBase58(),
    provider: provider?.toBase58() ?? null,
    id: big(f.id),
    amount: big(f.amount),
    fee: big(f.fee),
    status,
    outputHash: /^0+$/.test(outputHash) ? null : outputHash,
  };

  const derived = derivedAddress(programId, client, job.id);
  check(
    "address",
    derived === jobAddress.toBase58() && Number(f.bump) === JOB_BUMP,
    `PDA of (client, id ${job.id}) at bump ${JOB_BUMP} is ${derived ?? "none"}; stored bump ${f.bump}`,
  );

  const [clientLedger, providerLedger, config] = await connection.getMultipleAccountsInfo([
    agentPda(programId, client).address,
    provider ? agentPda(programId, provider).address : PublicKey.default,
    configPda(programId).address,
  ]);
  const isAgent = (a: typeof clientLedger | undefined) => {
    const d = a?.owner.equals(programId) ? decoder.decode(a.data) : null;
    return d?.ok === true && d.type === "Agent";
  };
  const party = (role: "client" | "provider", wallet: PublicKey, ledger: typeof clientLedger | undefined) => {
    const want = expect[role];
    const ledgerDetail = `${role} ${wallet.toBase58()} ${isAgent(ledger) ? "has" : "has no"} agent ledger`;
    const matches = !want || want.equals(wallet);
    check(
      `${role}-ledger`,
      isAgent(ledger) && matches,
      matches ? ledgerDetail : `${ledgerDetail}, expected ${want?.toBase58()}`,
    );
  };
  party("client", client, clientLedger);
  if (provider) party("provider", provider, providerLedger);
  else
    check("provider-ledger", status === "Open" && !expect.provider, "no provider yet: only an open job may have none");

  const configFields = config ? decoder.decode(config.data) : null;
  const cfg = configFields?.ok && configFields.type === "Config" ? configFields.fields : null;
  const minimum = cfg ? big(cfg.min_job_amount) : 1n;
  check(
    "amount",
    job.amount >= minimum && (expect.amount === undefined || expect.amount === job.amount),
    `amount ${job.amount}, minimum ${minimum}${expect.amount === undefined ? "" : `, expected ${expect.amount}`}`,
  );
  // The fee is fixed at creation; a later fee_bps change makes an older job differ, which
  // the detail shows so an auditor can tell that from a mispriced job.
  const feeBps = cfg ? big(cfg.fee_bps) : null;
  const wantFee = feeBps === null ? null : (job.amount * feeBps) / 10_000n;
  check("fee", wantFee === job.fee, `fee ${job.fee}, amount × ${feeBps ?? "?"} bps / 10 000 = ${wantFee ?? "?"}`);

  const statuses = ["Open", "Funded", "Accepted", "Delivered", "Disputed"];
  check(
    "status",
    statuses.includes(status) && (expect.status === undefined || expect.status === status),
    `status ${status}${expect.status === undefined ? "" : `, expected ${expect.status}`}`,
  );

  const delivered = status === "Delivered" || status === "Disputed";
  const want = expectedHash(expect);
  check(
    "output-hash",
    want !== undefined ? job.outputHash === want : delivered === (job.outputHash !== null),
    want !== undefined
      ? `on-chain ${job.outputHash ?? "none"}, expected ${want}`
      : `${job.outputHash ?? "no hash"} for a ${status} job`,
  );

  const audit = await auditVault(connection, programId);
  check(
    "backed",
    audit.ok,
    audit.ok
      ? `vault holds ${audit.vault?.amount} for ${audit.allocated} owed`
      : audit.problems.map((p) => p.message).join("; "),
  );
  return result(job, audit);
}
