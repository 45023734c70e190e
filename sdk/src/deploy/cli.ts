/**
 * `npm run deploy:program -- [options]`: deploys the committed program binary with the
 * upgradeable loader and opens the platform (config, vault, treasury), resumably and
 * idempotently; see `deployPlatform`. Exit code 0 when the platform is open, 1 when a step
 * failed (re-run the same command to continue), 2 on bad usage.
 */
import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { type Keypair, PublicKey } from "@solana/web3.js";
import { DEFAULT_PROGRAM_PATH, LocalChain } from "../chain/local/index.js";
import type { Chain } from "../chain/port.js";
import { RpcChain } from "../chain/rpc/index.js";
import { PROGRAM_ID } from "../program/index.js";
import { loadOrCreateAuthorities, loadOrCreateKeypairFile, readKeypairFile } from "./authorities-file.js";
import { estimateDeployLamports, formatEvent, formatSummary, type Summary } from "./cli-output.js";
import { deployPlatform } from "./deploy-platform.js";
import { deployBufferAddress } from "./deploy-program.js";

/** Circle's devnet USDC, the mint the faucet at faucet.circle.com pays out. */
export const DEVNET_USDC_MINT = "4zMMC9srt5Ri5X14GAgXhaHii3GnPAEERYPJgZJDncDU";
const LAMPORTS_PER_SOL = 1_000_000_000n;
/** What the embedded chain's faucet gives a payer that has less than the deployment needs. */
const LOCAL_PAYER_TOP_UP = 20n * LAMPORTS_PER_SOL;

export const USAGE = `usage: npm run deploy:program -- [options]

  --rpc <url|env|local:<dir>>  the cluster's JSON-RPC url; "env" (default): $SOLANA_RPC_URL, $SOLANA_WS_URL,
                               $HELIUS_API_KEY; "local:<dir>": a LocalChain data directory (rehearsal)
  --ws <url>                   WebSocket endpoint (default: derived from the RPC url)
  --keypair <file>             payer and upgrade authority (default $SOLANA_PAYER_KEYPAIR, ~/.config/solana/id.json)
  --program-keypair <file>     the program's address; created there when missing
                               (default $JUSTPAY_DATA_DIR/program-keypair.json, .justpay/program-keypair.json)
  --program <file.so>          the binary (default target/deploy/justpay_escrow.so)
  --usdc-mint <address>        the cluster's USDC (default $JUSTPAY_USDC_MINT, else devnet's ${DEVNET_USDC_MINT};
                               local: the chain's own mint)
  --authorities <file>         admin, operator, arbiter and treasury keys, the file the API reads
                               (default $JUSTPAY_DATA_DIR/authorities.json); created when missing
  --max-len <bytes>            ProgramData capacity (default: the binary's size)
  --concurrency <n>            Write transactions in flight (default 4)
  --upgrade                    replace a program deployed there with another binary (--keypair must be
                               its upgrade authority); without it, other bytes there are refused
  --allow-public-program-keypair  deploy to the committed (public) program keypair's address anyway
  --json                       print the result as JSON on stdout (progress goes to stderr)
  --help`;

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  env: NodeJS.ProcessEnv;
}

const defaultIo: CliIo = { out: (l) => console.log(l), err: (l) => console.error(l), env: process.env };

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    options: {
      rpc: { type: "string", default: "env" },
      ws: { type: "string" },
      keypair: { type: "string" },
      "program-keypair": { type: "string" },
      program: { type: "string", default: DEFAULT_PROGRAM_PATH },
      "usdc-mint": { type: "string" },
      authorities: { type: "string" },
      "max-len": { type: "string" },
      concurrency: { type: "string", default: "4" },
      "allow-public-program-keypair": { type: "boolean", default: false },
      upgrade: { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
    strict: true,
  }).values;
}

class UsageError extends Error {}

const positiveInt = (name: string, text: string | undefined): number | undefined => {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 1) throw new UsageError(`--${name} must be a positive integer, got ${text}`);
  return n;
};

export async function runDeployCli(argv: string[], io: CliIo = defaultIo): Promise<number> {
  let args: ReturnType<typeof parse>;
  let maxDataLen: number | undefined;
  let concurrency: number | undefined;
  try {
    args = parse(argv);
    maxDataLen = positiveInt("max-len", args["max-len"]);
    concurrency = positiveInt("concurrency", args.concurrency);
  } catch (e) {
    io.err(`${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    io.out(USAGE);
    return 0;
  }
  const dataDir = resolve(io.env.JUSTPAY_DATA_DIR ?? ".justpay");
  const local = args.rpc.startsWith("local:") ? resolve(args.rpc.slice("local:".length)) : undefined;
  const progress = args.json ? io.err : io.out;

  let chain: Chain | undefined;
  try {
    const payerKeypairPath = resolve(
      args.keypair ?? io.env.SOLANA_PAYER_KEYPAIR ?? join(homedir(), ".config/solana/id.json"),
    );
    const payer = await readKeypairFile(payerKeypairPath);
    const programKeypairPath = resolve(args["program-keypair"] ?? join(dataDir, "program-keypair.json"));
    const { keypair: program, created: freshProgram } = await loadOrCreateKeypairFile(programKeypairPath);
    if (freshProgram) progress(`new program keypair ${program.publicKey.toBase58()} written to ${programKeypairPath}`);
    // The committed keypair's secret is public: anyone could deploy there first, and its
    // address is everyone's default, so a cluster gets a fresh one.
    if (!local && program.publicKey.equals(PROGRAM_ID) && !args["allow-public-program-keypair"])
      throw new UsageError(
        `${programKeypairPath} is the committed program keypair, whose secret is public; ` +
          "use a fresh --program-keypair for a cluster (or pass --allow-public-program-keypair)",
      );
    const elf = await readFile(args.program);
    const authorities = await loadOrCreateAuthorities(resolve(args.authorities ?? join(dataDir, "authorities.json")));

    chain = local
      ? await LocalChain.open({ dataDir: local, programId: program.publicKey, preloadProgram: false })
      : args.rpc === "env"
        ? await RpcChain.fromEnv(io.env, { programId: program.publicKey, wsUrl: args.ws })
        : await RpcChain.connect({ rpcUrl: args.rpc, wsUrl: args.ws, programId: program.publicKey });
    const usdcMint = new PublicKey(
      args["usdc-mint"] ??
        (chain instanceof LocalChain ? chain.usdcMint.toBase58() : (io.env.JUSTPAY_USDC_MINT ?? DEVNET_USDC_MINT)),
    );

    await ensureFunds(chain, payer, program.publicKey, elf.length, maxDataLen ?? elf.length);

    progress(`deploying ${args.program} (${elf.length} bytes) to ${program.publicKey.toBase58()}`);
    const result = await deployPlatform(chain, {
      elf,
      payer,
      program,
      maxDataLen,
      concurrency,
      upgrade: args.upgrade,
      usdcMint,
      authorities: {
        admin: authorities.admin,
        operator: authorities.operator.publicKey,
        arbiter: authorities.arbiter.publicKey,
        treasuryOwner: authorities.treasury.publicKey,
      },
      onProgress: (event) => progress(formatEvent(event)),
    });
    const summary: Summary = {
      ...result,
      programKeypairPath,
      payerKeypairPath,
      rpc: local ? `local:${local}` : args.rpc,
    };
    if (args.json) io.out(JSON.stringify(summaryJson(summary), null, 2));
    else for (const line of formatSummary(summary)) io.out(line);
    return 0;
  } catch (e) {
    io.err(e instanceof UsageError ? `${e.message}\n\n${USAGE}` : `deploy failed: ${(e as Error).message}`);
    if (!(e instanceof UsageError)) io.err("run the same command again to continue from where it stopped");
    return e instanceof UsageError ? 2 : 1;
  } finally {
    await chain?.close();
  }
}

/**
 * Refuses to start a deployment the payer cannot finish (on LocalChain, tops the payer up
 * instead). A buffer left by an earlier run is paid for already: reused or closed, its rent
 * counts as held.
 */
async function ensureFunds(
  chain: Chain,
  payer: Keypair,
  programId: PublicKey,
  elfLength: number,
  maxDataLen: number,
): Promise<void> {
  if (await chain.getAccount(programId)) return; // deployed: only the config's small rents remain
  const buffer = await chain.getAccount((await deployBufferAddress(payer.publicKey, programId)).address);
  const needed = estimateDeployLamports(elfLength, maxDataLen) - (buffer?.lamports ?? 0n);
  const balance = (await chain.getAccount(payer.publicKey))?.lamports ?? 0n;
  if (balance >= needed) return;
  if (chain instanceof LocalChain) {
    await chain.airdrop(payer.publicKey, LOCAL_PAYER_TOP_UP);
    return;
  }
  throw new Error(
    `the payer ${payer.publicKey.toBase58()} holds ${sol(balance)} SOL; deploying ${elfLength} bytes needs about ` +
      `${sol(needed)} SOL (rent for the buffer and the ProgramData; the buffer's comes back at the end)`,
  );
}

const sol = (lamports: bigint) => (Number(lamports) / 1e9).toFixed(3);

function summaryJson(s: Summary) {
  const { program, platform } = s;
  return {
    programId: program.programId.toBase58(),
    programKeypair: s.programKeypairPath,
    status: program.status,
    programData: program.programData.toBase58(),
    upgradeAuthority: program.upgradeAuthority?.toBase58() ?? null,
    chunks: program.chunks,
    slot: program.slot,
    config: platform.config.toBase58(),
    configCreated: platform.created,
    usdcMint: platform.usdcMint.toBase58(),
    vault: platform.vault.toBase58(),
    treasury: platform.treasury.toBase58(),
  };
}
