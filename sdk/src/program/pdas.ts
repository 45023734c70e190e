/** Program-derived addresses. Bumps are found here, off-chain, and passed to the program. */
import { PublicKey } from "@solana/web3.js";

const u64le = (n: bigint) => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(n);
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
export const campaignPda = (programId: PublicKey, owner: PublicKey, id: bigint) =>
  pda([SEEDS.campaign, owner.toBuffer(), u64le(id)], programId);
