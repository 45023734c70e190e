/**
 * `npm start`: JustPay on embedded defaults. Today it opens the embedded local chain in
 * `.justpay/` (or `JUSTPAY_DATA_DIR`), loads the committed program, opens the platform
 * (vault, treasury, config) on first start, and reports what runs. State survives restarts.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { Keypair } from "@solana/web3.js";
import { LocalChain } from "../../sdk/src/chain/local/index.js";
import { bootstrapPlatform } from "../../sdk/src/platform/bootstrap.js";

const dataDir = resolve(process.env.JUSTPAY_DATA_DIR ?? join(__dirname, "../../.justpay"));

/** Local platform authorities, created once and kept beside the chain's own keys. */
async function localAuthorities(path: string) {
  let secrets: Record<string, number[]>;
  try {
    secrets = JSON.parse(await readFile(path, "utf8"));
  } catch {
    const fresh = {
      admin: Keypair.generate(),
      operator: Keypair.generate(),
      arbiter: Keypair.generate(),
      treasury: Keypair.generate(),
    };
    secrets = Object.fromEntries(Object.entries(fresh).map(([k, v]) => [k, [...v.secretKey]]));
    await writeFile(path, JSON.stringify(secrets), { mode: 0o600 });
  }
  const key = (name: string) => Keypair.fromSecretKey(Uint8Array.from(secrets[name] ?? []));
  return { admin: key("admin"), operator: key("operator"), arbiter: key("arbiter"), treasury: key("treasury") };
}

async function main(): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  const chain = await LocalChain.open({ dataDir: join(dataDir, "chain") });
  const keys = await localAuthorities(join(dataDir, "authorities.json"));
  const platform = await bootstrapPlatform(chain, chain.feePayer, chain.usdcMint, {
    admin: keys.admin,
    operator: keys.operator.publicKey,
    arbiter: keys.arbiter.publicKey,
    treasuryOwner: keys.treasury.publicKey,
    upgradeAuthority: chain.upgradeAuthority,
  });
  const report = chain.openReport;
  console.log(
    [
      "JustPay is running on embedded defaults.",
      `  chain       LocalChain (litesvm) in ${join(dataDir, "chain")} — ${report.created ? "created" : `reopened, ${report.replayed} log entries replayed`}`,
      `  program     ${platform.programId.toBase58()} (target/deploy/justpay_escrow.so)`,
      `  config      ${platform.config.toBase58()}${platform.created ? " (initialized now)" : ""}`,
      `  USDC mint   ${platform.usdcMint.toBase58()} (local faucet)`,
      `  vault       ${platform.vault.toBase58()}`,
      `  treasury    ${platform.treasury.toBase58()}`,
      `  slot        ${await chain.getSlot()}`,
      "The REST API, indexer and workers join this process as their issues land.",
      "Press Ctrl-C to stop; state is kept for the next start.",
    ].join("\n"),
  );
  const stop = async () => {
    await chain.close();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  if (process.env.JUSTPAY_EXIT_AFTER_START === "1") await stop();
  setInterval(() => {}, 1 << 30);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
