/**
 * Deploys a program with the upgradeable loader, the way `solana program deploy` does, through
 * the chain port (so the same code runs on LocalChain and on a cluster):
 *
 * 1. a Buffer account at an address derived from the authority and the program id, so a re-run
 *    finds the buffer an interrupted run left;
 * 2. `Write`s of the chunks the buffer does not hold yet (each chunk is compared with the
 *    buffer's bytes, so after a failure only what is missing is sent again);
 * 3. one transaction creating the program account and `DeployWithMaxDataLen`, which moves the
 *    buffer into the ProgramData account and records the upgrade authority.
 *
 * A program already deployed with the same bytes is left alone (nothing is sent). One deployed
 * with other bytes is refused unless `upgrade` is set: then the same resumable buffer is
 * written, ProgramData is extended first when the binary outgrew it (`ExtendProgram`), and
 * `Upgrade`, signed by the program's upgrade authority, swaps the bytes in.
 */
import { createHash } from "node:crypto";
import { type Keypair, PublicKey, SystemProgram, type TransactionInstruction } from "@solana/web3.js";
import type { Chain } from "../chain/port.js";
import {
  BPF_LOADER_UPGRADEABLE_ID,
  decodeProgramDataAccount,
  PROGRAM_ACCOUNT_LEN,
  PROGRAM_DATA_METADATA_LEN,
  programDataAddress,
} from "../program/index.js";
import { type Chunk, maxChunkSize, planChunks } from "./chunks.js";
import {
  BUFFER_METADATA_LEN,
  closeBufferInstruction,
  decodeBufferAccount,
  deployWithMaxDataLenInstruction,
  extendProgramInstruction,
  initializeBufferInstruction,
  upgradeInstruction,
  writeInstruction,
} from "./loader-instructions.js";
import { sendInstructions } from "./send.js";

export interface DeployProgramOptions {
  /** The program binary (target/deploy/*.so). */
  elf: Buffer;
  /** Pays fees and rent; receives the buffer's lamports back when the deployment completes. */
  payer: Keypair;
  /** The program's address; its signature is needed only to create the program account. */
  program: Keypair;
  /** Becomes the upgrade authority (it alone may initialize the config). Default: the payer. */
  authority?: Keypair;
  /** ProgramData capacity in bytes (default: the binary's length; ExtendProgram can grow it). */
  maxDataLen?: number;
  /** Write transactions in flight at once (default 4). */
  concurrency?: number;
  /** Replace a program deployed there with other bytes (`authority` must be its upgrade authority). */
  upgrade?: boolean;
  onProgress?: (event: DeployEvent) => void;
}

export type DeployEvent =
  | { step: "buffer"; action: "created" | "reused" | "recreated"; buffer: PublicKey }
  | {
      step: "chunk";
      action: "written" | "skipped";
      index: number;
      total: number;
      offset: number;
      length: number;
      signature?: string;
    }
  | { step: "extended"; bytes: number; signature: string }
  | { step: "deployed" | "upgraded"; signature: string; slot: number };

export interface DeployResult {
  programId: PublicKey;
  programData: PublicKey;
  buffer: PublicKey;
  /** "unchanged": the same binary was deployed there already; nothing was sent. */
  status: "deployed" | "upgraded" | "unchanged";
  upgradeAuthority: PublicKey | null;
  chunks: { total: number; written: number; skipped: number };
  /** The slot the deployment landed in; the program runs from the next one. */
  slot: number | null;
}

/** Rent exemption on every public cluster and litesvm: (128 + size) bytes at 3 480 lamports a byte-year, for two years. */
export const rentExempt = (size: number): bigint => BigInt(128 + size) * 3_480n * 2n;

/** The buffer a deployment of `programId` by `authority` uses: one per pair, found again on a re-run. */
export async function deployBufferAddress(
  authority: PublicKey,
  programId: PublicKey,
): Promise<{ address: PublicKey; seed: string }> {
  // A hash, not the address itself: the seed is public from the buffer's creation on, and the
  // program's address is better unknown until it is deployed. 32 characters, the system
  // program's limit for seeds.
  const seed = createHash("sha256").update(programId.toBuffer()).digest("hex").slice(0, 32);
  return { address: await PublicKey.createWithSeed(authority, seed, BPF_LOADER_UPGRADEABLE_ID), seed };
}

export class DeployedProgramDiffersError extends Error {
  override name = "DeployedProgramDiffersError";
  constructor(readonly programId: PublicKey) {
    super(
      `${programId.toBase58()} is already deployed with other bytes: that is an upgrade, not a deployment (pass upgrade)`,
    );
  }
}

export class NotUpgradeAuthorityError extends Error {
  override name = "NotUpgradeAuthorityError";
  constructor(programId: PublicKey, actual: PublicKey | null, signer: PublicKey) {
    super(
      `${programId.toBase58()} can be upgraded only by ${actual ? actual.toBase58() : "nobody (it is immutable)"}, not ${signer.toBase58()}`,
    );
  }
}

export async function deployProgram(chain: Chain, o: DeployProgramOptions): Promise<DeployResult> {
  const authority = o.authority ?? o.payer;
  const programId = o.program.publicKey;
  const programData = programDataAddress(programId);
  const buffer = await deployBufferAddress(authority.publicKey, programId);
  const base = { programId, programData, buffer: buffer.address };

  const current = await readProgramAccount(chain, programId, programData);
  if (current.state === "deployed") {
    const same =
      current.bytes.subarray(0, o.elf.length).equals(o.elf) &&
      !current.bytes.subarray(o.elf.length).some((b) => b !== 0);
    if (same)
      return {
        ...base,
        status: "unchanged",
        upgradeAuthority: current.upgradeAuthority,
        chunks: { total: 0, written: 0, skipped: 0 },
        slot: null,
      };
    if (!o.upgrade) throw new DeployedProgramDiffersError(programId);
    if (!current.upgradeAuthority?.equals(authority.publicKey))
      throw new NotUpgradeAuthorityError(programId, current.upgradeAuthority, authority.publicKey);
    return upgradeProgram(chain, o, authority, buffer, current.bytes.length, base);
  }
  const maxDataLen = o.maxDataLen ?? o.elf.length;
  if (maxDataLen < o.elf.length)
    throw new Error(`maxDataLen ${maxDataLen} is smaller than the binary (${o.elf.length} bytes)`);

  const chunks = await writeBuffer(chain, o, authority, buffer);
  const createProgram = createProgramAccount(
    o.payer.publicKey,
    programId,
    current.state === "funded" ? current.lamports : null,
  );
  const deploy = deployWithMaxDataLenInstruction(
    { payer: o.payer.publicKey, programId, buffer: buffer.address, authority: authority.publicKey },
    maxDataLen,
  );
  const outcome = await sendInstructions(
    chain,
    "DeployWithMaxDataLen",
    o.payer,
    [...createProgram, deploy],
    [o.program, authority],
  );
  o.onProgress?.({ step: "deployed", signature: outcome.signature, slot: outcome.slot });
  return { ...base, status: "deployed", upgradeAuthority: authority.publicKey, chunks, slot: outcome.slot };
}

/** The buffer holding the whole binary: created or reused, then only the chunks it lacks written. */
async function writeBuffer(
  chain: Chain,
  o: DeployProgramOptions,
  authority: Keypair,
  buffer: { address: PublicKey; seed: string },
): Promise<DeployResult["chunks"]> {
  const onChain = await ensureBuffer(chain, o, authority, buffer);
  const chunks = planChunks(o.elf, onChain, maxChunkSize(o.payer.publicKey, authority.publicKey, buffer.address));
  let written = 0;
  await inPool(chunks, o.concurrency ?? 4, async (chunk) => {
    const event = {
      step: "chunk" as const,
      index: chunk.index,
      total: chunks.length,
      offset: chunk.offset,
      length: chunk.bytes.length,
    };
    if (chunk.upToDate) return o.onProgress?.({ ...event, action: "skipped" });
    const { signature } = await writeChunk(chain, o.payer, authority, buffer.address, chunk);
    written++;
    o.onProgress?.({ ...event, action: "written", signature });
  });
  return { total: chunks.length, written, skipped: chunks.length - written };
}

/**
 * Extends ProgramData when the binary outgrew it, writes the buffer, then `Upgrade`: the
 * buffer's bytes replace the program's (zero-filled to its capacity) and its lamports go back
 * to the payer. Each step is safe to repeat: a re-run after the Upgrade landed finds the same
 * bytes deployed and sends nothing.
 */
async function upgradeProgram(
  chain: Chain,
  o: DeployProgramOptions,
  authority: Keypair,
  buffer: { address: PublicKey; seed: string },
  capacity: number,
  base: Pick<DeployResult, "programId" | "programData" | "buffer">,
): Promise<DeployResult> {
  if (o.elf.length > capacity) {
    const bytes = o.elf.length - capacity;
    const extended = await sendInstructions(
      chain,
      "ExtendProgram",
      o.payer,
      [extendProgramInstruction(base.programId, o.payer.publicKey, bytes)],
      [],
    );
    o.onProgress?.({ step: "extended", bytes, signature: extended.signature });
  }
  const chunks = await writeBuffer(chain, o, authority, buffer);
  const upgrade = upgradeInstruction({
    programId: base.programId,
    buffer: buffer.address,
    spill: o.payer.publicKey,
    authority: authority.publicKey,
  });
  const outcome = await sendInstructions(chain, "Upgrade", o.payer, [upgrade], [authority]);
  o.onProgress?.({ step: "upgraded", signature: outcome.signature, slot: outcome.slot });
  return { ...base, status: "upgraded", upgradeAuthority: authority.publicKey, chunks, slot: outcome.slot };
}

type ProgramAccount =
  | { state: "absent" }
  /** Someone sent lamports to the address: a system account with no data, still usable. */
  | { state: "funded"; lamports: bigint }
  | { state: "deployed"; bytes: Buffer; upgradeAuthority: PublicKey | null };

async function readProgramAccount(chain: Chain, programId: PublicKey, programData: PublicKey): Promise<ProgramAccount> {
  const program = await chain.getAccount(programId);
  if (!program) return { state: "absent" };
  if (program.owner.equals(SystemProgram.programId) && program.data.length === 0)
    return { state: "funded", lamports: program.lamports };
  if (!program.owner.equals(BPF_LOADER_UPGRADEABLE_ID) || !program.executable)
    throw new Error(
      `${programId.toBase58()} holds an account that is not an upgradeable program; use another program keypair`,
    );
  const data = await chain.getAccount(programData);
  if (!data) throw new Error(`${programId.toBase58()} has no ProgramData account ${programData.toBase58()}`);
  const { upgradeAuthority } = decodeProgramDataAccount(data.data);
  return { state: "deployed", bytes: Buffer.from(data.data.subarray(PROGRAM_DATA_METADATA_LEN)), upgradeAuthority };
}

/**
 * The program account, rent-exempt and owned by the loader. `createAccount` refuses an address
 * that holds lamports, and anyone can send some to block a deployment, so an already funded
 * address is topped up, allocated and assigned instead.
 */
function createProgramAccount(
  payer: PublicKey,
  programId: PublicKey,
  fundedLamports: bigint | null,
): TransactionInstruction[] {
  const rent = rentExempt(PROGRAM_ACCOUNT_LEN);
  if (fundedLamports === null)
    return [
      SystemProgram.createAccount({
        fromPubkey: payer,
        newAccountPubkey: programId,
        lamports: Number(rent),
        space: PROGRAM_ACCOUNT_LEN,
        programId: BPF_LOADER_UPGRADEABLE_ID,
      }),
    ];
  const topUp =
    fundedLamports < rent
      ? [SystemProgram.transfer({ fromPubkey: payer, toPubkey: programId, lamports: Number(rent - fundedLamports) })]
      : [];
  return [
    ...topUp,
    SystemProgram.allocate({ accountPubkey: programId, space: PROGRAM_ACCOUNT_LEN }),
    SystemProgram.assign({ accountPubkey: programId, programId: BPF_LOADER_UPGRADEABLE_ID }),
  ];
}

/**
 * A buffer of the binary's size owned by `authority`, created when missing and recreated when a
 * binary of another size was being written; returns the program bytes it holds.
 */
async function ensureBuffer(
  chain: Chain,
  o: DeployProgramOptions,
  authority: Keypair,
  buffer: { address: PublicKey; seed: string },
): Promise<Buffer> {
  const account = await chain.getAccount(buffer.address);
  const state = account?.owner.equals(BPF_LOADER_UPGRADEABLE_ID)
    ? decodeBufferAccount(Buffer.from(account.data))
    : null;
  if (account && !state) throw new Error(`${buffer.address.toBase58()} is not a loader buffer`);
  if (state && !state.authority?.equals(authority.publicKey))
    throw new Error(
      `buffer ${buffer.address.toBase58()} has another authority (${state.authority?.toBase58() ?? "none"})`,
    );
  if (state && state.bytes.length === o.elf.length) {
    o.onProgress?.({ step: "buffer", action: "reused", buffer: buffer.address });
    return state.bytes;
  }
  if (state) {
    // A binary of another size was being written: its bytes are of no use, and the account's
    // size is fixed, so the buffer starts over.
    await sendInstructions(
      chain,
      "closing the stale buffer",
      o.payer,
      [closeBufferInstruction(buffer.address, o.payer.publicKey, authority.publicKey)],
      [authority],
    );
  }
  const space = BUFFER_METADATA_LEN + o.elf.length;
  const create = SystemProgram.createAccountWithSeed({
    fromPubkey: o.payer.publicKey,
    newAccountPubkey: buffer.address,
    basePubkey: authority.publicKey,
    seed: buffer.seed,
    lamports: Number(rentExempt(space)),
    space,
    programId: BPF_LOADER_UPGRADEABLE_ID,
  });
  await sendInstructions(
    chain,
    "creating the buffer",
    o.payer,
    [create, initializeBufferInstruction(buffer.address, authority.publicKey)],
    [authority],
  );
  o.onProgress?.({ step: "buffer", action: state ? "recreated" : "created", buffer: buffer.address });
  return Buffer.alloc(o.elf.length);
}

function writeChunk(chain: Chain, payer: Keypair, authority: Keypair, buffer: PublicKey, chunk: Chunk) {
  return sendInstructions(
    chain,
    `Write of chunk ${chunk.index} (offset ${chunk.offset})`,
    payer,
    [writeInstruction(buffer, authority.publicKey, chunk.offset, chunk.bytes)],
    [authority],
  );
}

/** Runs `task` on every item with at most `limit` running; the first failure stops new starts and is thrown. */
async function inPool<T>(items: T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const item = items[next++]!;
      try {
        await task(item);
      } catch (e) {
        failed = true;
        throw e;
      }
    }
  };
  const results = await Promise.allSettled(Array.from({ length: Math.max(1, limit) }, worker));
  const rejected = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (rejected) throw rejected.reason;
}
