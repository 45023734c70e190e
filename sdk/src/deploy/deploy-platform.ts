/**
 * From nothing to an open platform on a chain: the program deployed with the upgradeable
 * loader, then the config initialized by the upgrade authority (`bootstrapPlatform`). Both
 * steps are idempotent, so the same command finishes an interrupted deployment and does
 * nothing on a finished one.
 */
import type { PublicKey } from "@solana/web3.js";
import type { Chain } from "../chain/port.js";
import { bootstrapPlatform, type PlatformAddresses, type PlatformAuthorities } from "../platform/bootstrap.js";
import { type DeployProgramOptions, type DeployResult, deployProgram } from "./deploy-program.js";

export interface DeployPlatformOptions extends DeployProgramOptions {
  usdcMint: PublicKey;
  /** Everyone but the upgrade authority, which is `authority` (default: the payer). */
  authorities: Omit<PlatformAuthorities, "upgradeAuthority">;
  /** How long to wait for the cluster to reach the slot after the deployment (default 60 s). */
  activationTimeoutMs?: number;
}

export interface DeployPlatformResult {
  program: DeployResult;
  platform: PlatformAddresses & { created: boolean };
}

export async function deployPlatform(chain: Chain, o: DeployPlatformOptions): Promise<DeployPlatformResult> {
  // bootstrapPlatform addresses the chain's program: a chain opened for another id would
  // initialize the wrong program's config.
  if (!chain.programId.equals(o.program.publicKey))
    throw new Error(
      `the chain is opened for program ${chain.programId.toBase58()}, not ${o.program.publicKey.toBase58()}`,
    );
  const program = await deployProgram(chain, o);
  if (program.slot !== null) await untilSlotAfter(chain, program.slot, o.activationTimeoutMs ?? 60_000);
  const platform = await bootstrapPlatform(chain, o.payer, o.usdcMint, {
    ...o.authorities,
    upgradeAuthority: o.authority ?? o.payer,
  });
  return { program, platform };
}

/**
 * Runtimes run a program deployed in slot S only from slot S + 1. LocalChain gives every
 * transaction a slot of its own, so there the next transaction is always late enough.
 */
async function untilSlotAfter(chain: Chain, slot: number, timeoutMs: number): Promise<void> {
  if (chain.kind === "local") return;
  const deadline = Date.now() + timeoutMs;
  while ((await chain.getSlot()) <= slot) {
    if (Date.now() > deadline) throw new Error(`the cluster did not pass slot ${slot} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 400));
  }
}
