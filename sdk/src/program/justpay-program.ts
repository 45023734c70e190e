/**
 * `JustPayProgram`: one program deployment (its id and, optionally, its USDC mint) with the
 * addresses it derives, the instruction builders bound to it, and the decoders. Offline:
 * it builds and decodes, and the caller sends through whatever client it uses.
 *
 * ```ts
 * const jp = new JustPayProgram({ usdcMint });
 * const ix = jp.instructions.createJob({ payer, client, operator, id, provider, amount, deliverBy });
 * const job = jp.decodeAccount("job", (await connection.getAccountInfo(jp.jobAddress(client, id)))!.data);
 * ```
 */
import { getAssociatedTokenAddressSync } from "@solana/spl-token";
import type { PublicKey, TransactionInstruction } from "@solana/web3.js";
import { PROGRAM_ID } from "./coder.js";
import {
  type AccountName,
  accountTypeOf,
  decodeEvents,
  decodeProgramAccount,
  type ProgramAccount,
  type ProgramEvent,
} from "./decoders.js";
import { type ProgramErrorSource, programErrorFrom } from "./error-from.js";
import type { JustPayProgramError } from "./errors.js";
import * as agents from "./instructions/agents.js";
import * as campaigns from "./instructions/campaigns.js";
import { type BuildContext, buildContext } from "./instructions/context.js";
import * as jobs from "./instructions/jobs.js";
import { agentPda, campaignPda, configPda, jobPda, quotaPda, taskPda, usableJobId } from "./pdas.js";

const BUILDERS = {
  registerAgent: agents.registerAgentInstruction,
  deposit: agents.depositInstruction,
  setWithdrawalAddress: agents.setWithdrawalAddressInstruction,
  pinEmergencyAddress: agents.pinEmergencyAddressInstruction,
  withdraw: agents.withdrawInstruction,
  panic: agents.panicInstruction,
  createJob: jobs.createJobInstruction,
  assignProvider: jobs.assignProviderInstruction,
  acceptJob: jobs.acceptJobInstruction,
  markDelivered: jobs.markDeliveredInstruction,
  release: jobs.releaseInstruction,
  refund: jobs.refundInstruction,
  openDispute: jobs.openDisputeInstruction,
  resolveDispute: jobs.resolveDisputeInstruction,
  createCampaign: campaigns.createCampaignInstruction,
  claimTask: campaigns.claimTaskInstruction,
  deliverTask: campaigns.deliverTaskInstruction,
  acceptTask: campaigns.acceptTaskInstruction,
  rejectTask: campaigns.rejectTaskInstruction,
  topUpCampaign: campaigns.topUpCampaignInstruction,
  pauseCampaign: campaigns.pauseCampaignInstruction,
  resumeCampaign: campaigns.resumeCampaignInstruction,
  cancelCampaign: campaigns.cancelCampaignInstruction,
  expireTask: campaigns.expireTaskInstruction,
  closeCampaign: campaigns.closeCampaignInstruction,
};

type Builders = typeof BUILDERS;
/** The builders with the program bound: each takes only its parameters. */
export type BoundBuilders = {
  [K in keyof Builders]: (params: Parameters<Builders[K]>[0]) => TransactionInstruction;
};

export interface JustPayProgramOptions {
  /** Default: the IDL's address. */
  programId?: PublicKey;
  /** The platform's USDC mint; needed only for `vault`. */
  usdcMint?: PublicKey;
}

export class JustPayProgram {
  readonly programId: PublicKey;
  readonly config: PublicKey;
  readonly instructions: BoundBuilders;
  private readonly ctx: BuildContext;

  constructor(private readonly options: JustPayProgramOptions = {}) {
    this.programId = options.programId ?? PROGRAM_ID;
    this.ctx = buildContext(this.programId);
    this.config = configPda(this.programId).address;
    const ctx = this.ctx;
    this.instructions = Object.fromEntries(
      Object.entries(BUILDERS).map(([name, build]) => [
        name,
        (params: never) => (build as (p: never, c: BuildContext) => TransactionInstruction)(params, ctx),
      ]),
    ) as BoundBuilders;
  }

  /** The config PDA's USDC account, which holds every agent's balance. */
  get vault(): PublicKey {
    if (!this.options.usdcMint) throw new Error("JustPayProgram needs usdcMint to derive the vault");
    return getAssociatedTokenAddressSync(this.options.usdcMint, this.config, true);
  }

  agentLedger(wallet: PublicKey): PublicKey {
    return agentPda(this.programId, wallet).address;
  }
  jobAddress(client: PublicKey, id: bigint): PublicKey {
    return jobPda(this.programId, client, id).address;
  }
  /** The first id ≥ `from` the program accepts for a job of `client`. */
  usableJobId(client: PublicKey, from: bigint): bigint {
    return usableJobId(this.programId, client, from);
  }
  campaignAddress(owner: PublicKey, id: bigint): PublicKey {
    return campaignPda(this.programId, owner, id).address;
  }
  quotaAddress(campaign: PublicKey, wallet: PublicKey): PublicKey {
    return quotaPda(this.programId, campaign, wallet).address;
  }
  /** The task a claim creates: the claimant's `claimIndex`-th (its quota's `totalClaims`). */
  taskAddress(campaign: PublicKey, wallet: PublicKey, claimIndex: number): PublicKey {
    return taskPda(this.programId, this.quotaAddress(campaign, wallet), claimIndex).address;
  }

  decodeAccount<N extends AccountName>(type: N, data: Uint8Array): ProgramAccount<N> {
    return decodeProgramAccount(type, data, this.programId);
  }
  accountTypeOf(data: Uint8Array): AccountName | undefined {
    return accountTypeOf(data, this.programId);
  }
  decodeEvents(logs: readonly string[]): ProgramEvent[] {
    return decodeEvents(logs, this.programId);
  }
  /** The program's typed error from a failed send (thrown error, outcome, logs or code). */
  errorFrom(source: ProgramErrorSource): JustPayProgramError | undefined {
    return programErrorFrom(source);
  }
}
