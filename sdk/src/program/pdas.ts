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
const pda = (seeds: Buffer[], programId: PublicKey): Pda => {
  const [address, bump] = PublicKey.findProgramAddressSync(seeds, programId);
  return { address, bump };
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
  try {
    PublicKey.createProgramAddressSync([SEEDS.job, client.toBuffer(), u64le(id), Buffer.from([JOB_BUMP])], programId);
    return true;
  } catch {
    return false;
  }
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
