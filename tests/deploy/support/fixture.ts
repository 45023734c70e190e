/** A LocalChain with nothing at a fresh program id, a funded payer and the platform's authorities. */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LocalChain, type PlatformAuthorities } from "@justpay/sdk";
import { Keypair } from "@solana/web3.js";

export interface DeployFixture {
  chain: LocalChain;
  dataDir: string;
  program: Keypair;
  payer: Keypair;
  authorities: Omit<PlatformAuthorities, "upgradeAuthority">;
  /** Closes and reopens the chain from its data directory. */
  reopen(): Promise<LocalChain>;
  close(): Promise<void>;
}

const PAYER_LAMPORTS = 50_000_000_000n;

export async function openFixture(): Promise<DeployFixture> {
  const dataDir = await mkdtemp(join(tmpdir(), "justpay-deploy-"));
  const program = Keypair.generate();
  const open = () =>
    LocalChain.open({ dataDir, programId: program.publicKey, preloadProgram: false, clock: "manual", durable: false });
  const payer = Keypair.generate();
  const admin = Keypair.generate();
  const f: DeployFixture = {
    chain: await open(),
    dataDir,
    program,
    payer,
    authorities: {
      admin,
      operator: Keypair.generate().publicKey,
      arbiter: Keypair.generate().publicKey,
      treasuryOwner: Keypair.generate().publicKey,
    },
    async reopen() {
      await f.chain.close();
      f.chain = await open();
      return f.chain;
    },
    async close() {
      await f.chain.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  await f.chain.airdrop(payer.publicKey, PAYER_LAMPORTS);
  return f;
}
