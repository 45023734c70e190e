/** Program-derived addresses. Bumps are found here, off-chain, and passed to the program. */
import { PublicKey } from "@solana/web3.js";

const u64le = (n: bigint) => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(n);
  return b;
};
const u32le = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
};

export const SEEDS = {
  config: Buffer.from("config"),
  agent: Buffer.from("agent"),
  job: Buffer.from("job"),
  campaign: Buffer.from("campaign"),
  task: Buffer.from("task"),
  quota: Buffer.from("quota"),
} as const;

export type Pda = { address: PublicKey; bump: number };

/**
 * Derivations already made, by seeds and program. Finding a bump hashes and decompresses a
 * curve point per bump tried, and the API derives the same few addresses (an agent's ledger,
 * a campaign, a quota) on every request: a profile of the claim path spent 4 % of its CPU
 * here. Addresses never change, so a bounded memo is always right; the oldest entry goes first.
 */
const MEMO_SIZE = 20_000;
const memo = new Map<string, Pda>();

const memoKey = (seeds: Buffer[], programId: PublicKey) =>
  // The address hashes the seeds' concatenation, so equal concatenations are equal addresses.
  Buffer.concat([...seeds, programId.toBuffer()]).toString("latin1");

const remember = (key: string, derived: Pda): Pda => {
  if (memo.size >= MEMO_SIZE) memo.delete(memo.keys().next().value as string);
  memo.set(key, derived);
  return derived;
};

const pda = (seeds: Buffer[], programId: PublicKey): Pda => {
  const key = memoKey(seeds, programId);
  const known = memo.get(key);
  if (known) return known;
  const [address, bump] = PublicKey.findProgramAddressSync(seeds, programId);
  return remember(key, Object.freeze({ address, bump }));
};

export const configPda = (programId: PublicKey) => pda([SEEDS.config], programId);
export const agentPda = (programId: PublicKey, wallet: PublicKey) => pda([SEEDS.agent, wallet.toBuffer()], programId);
export const jobPda = (programId: PublicKey, client: PublicKey, id: bigint) =>
  pda([SEEDS.job, client.toBuffer(), u64le(id)], programId);

/**
 * The program creates a job only at bump 255, which proves the bump canonical for free, so
 * exactly one job exists per (client, id). About half of all ids have a bump-255 address;
 * the other half cannot be used.
 */
export const JOB_BUMP = 255;

/** Whether `id` can name a job of `client`: its bump-255 address exists. */
export function isUsableJobId(programId: PublicKey, client: PublicKey, id: bigint): boolean {
  const seeds = [SEEDS.job, client.toBuffer(), u64le(id)];
  const key = memoKey(seeds, programId);
  const known = memo.get(key);
  if (known) return known.bump === JOB_BUMP;
  let address: PublicKey;
  try {
    address = PublicKey.createProgramAddressSync([...seeds, Buffer.from([JOB_BUMP])], programId);
  } catch {
    return false;
  }
  // A usable id is about to be derived again, by the instruction builder and the job's views:
  // the address found here is the canonical one (bump 255 is tried first), so remember it.
  remember(key, Object.freeze({ address, bump: JOB_BUMP }));
  return true;
}

/** The first id ≥ `from` that can name a job of `client` (one hash per id tried, two on average). */
export function usableJobId(programId: PublicKey, client: PublicKey, from: bigint): bigint {
  let id = from;
  while (!isUsableJobId(programId, client, id)) id++;
  return id;
}
export const campaignPda = (programId: PublicKey, owner: PublicKey, id: bigint) =>
  pda([SEEDS.campaign, owner.toBuffer(), u64le(id)], programId);

/** An agent's claim counter on a campaign: `["quota", campaign, agent wallet]`. */
export const quotaPda = (programId: PublicKey, campaign: PublicKey, wallet: PublicKey) =>
  pda([SEEDS.quota, campaign.toBuffer(), wallet.toBuffer()], programId);
/** The agent's `index`-th claim on a campaign (the quota's `total_claims` when claimed): `["task", quota, index u32 LE]`. */
export const taskPda = (programId: PublicKey, quota: PublicKey, index: number) =>
  pda([SEEDS.task, quota.toBuffer(), u32le(index)], programId);
