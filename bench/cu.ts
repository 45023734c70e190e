/**
 * `npm run bench:cu`: compute units per instruction on both test runtimes.
 *
 * Runs every scenario module in bench/cu/*.scenario.ts on bankrun and on litesvm, each on
 * a fresh platform, records the compute units of every program instruction it sends
 * (the highest seen per instruction name, i.e. the worst case the scenarios exercise), and
 * writes bench/results/cu.json as
 *   {"bankrun": {"<instruction>": cu}, "litesvm": {...}, "accountSizes": {"<Account>": bytes}}.
 * A scenario module exports `scenario: CuScenario`. Each scenario gets a fresh platform
 * whose config is not yet initialized, so it can measure initialize_config itself.
 */
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { Platform, RUNTIMES, type SentTx } from "@justpay/tests/support";
import type { PublicKey } from "@solana/web3.js";

export interface CuContext {
  readonly p: Platform;
  /** Records the transaction's compute units under an instruction name (IDL snake_case). */
  measure(instruction: string, tx: SentTx): void;
  /** Records the data size of an account of IDL type `name`. */
  accountSize(name: string, address: PublicKey): Promise<void>;
}

export interface CuScenario {
  name: string;
  run(ctx: CuContext): Promise<void>;
}

const here = resolve(__dirname);
const SCENARIO_DIR = join(here, "cu");
const RESULT = join(here, "results/cu.json");

async function loadScenarios(): Promise<CuScenario[]> {
  const files = readdirSync(SCENARIO_DIR)
    .filter((f) => f.endsWith(".scenario.ts"))
    .sort();
  const scenarios: CuScenario[] = [];
  for (const file of files) {
    const mod = await import(pathToFileURL(join(SCENARIO_DIR, file)).href);
    const scenario = (mod.scenario ?? mod.default?.scenario) as CuScenario | undefined;
    if (!scenario) throw new Error(`${file} exports no \`scenario\``);
    scenarios.push(scenario);
  }
  return scenarios;
}

const sortKeys = <T>(o: Record<string, T>): Record<string, T> =>
  Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));

async function main(): Promise<void> {
  const scenarios = await loadScenarios();
  const cu: Record<string, Record<string, number>> = {};
  const accountSizes: Record<string, number> = {};
  for (const runtime of RUNTIMES) {
    const byIx: Record<string, number> = {};
    for (const scenario of scenarios) {
      const p = await Platform.start(runtime.start);
      const ctx: CuContext = {
        p,
        measure(instruction, tx) {
          if (!tx.ok) throw new Error(`${scenario.name}: ${instruction} failed: ${tx.error}\n${tx.logs.join("\n")}`);
          byIx[instruction] = Math.max(byIx[instruction] ?? 0, tx.computeUnits);
        },
        async accountSize(name, address) {
          const a = await p.chain.getAccount(address);
          if (!a) throw new Error(`${scenario.name}: ${name} account ${address.toBase58()} missing`);
          accountSizes[name] = a.data.length;
        },
      };
      await scenario.run(ctx);
      await p.chain.close();
    }
    cu[runtime.name] = sortKeys(byIx);
  }

  const names = [...new Set(Object.values(cu).flatMap((m) => Object.keys(m)))].sort();
  const runtimes = Object.keys(cu);
  const width = Math.max(...names.map((n) => n.length), 11);
  console.log(["instruction".padEnd(width), ...runtimes.map((r) => r.padStart(9))].join("  "));
  for (const n of names) {
    console.log([n.padEnd(width), ...runtimes.map((r) => String(cu[r]?.[n] ?? "-").padStart(9))].join("  "));
  }
  console.log("\naccount sizes (bytes):");
  for (const [name, size] of Object.entries(sortKeys(accountSizes))) console.log(`  ${name.padEnd(width)}${size}`);

  mkdirSync(join(here, "results"), { recursive: true });
  writeFileSync(RESULT, `${JSON.stringify({ ...cu, accountSizes: sortKeys(accountSizes) }, null, 2)}\n`);
  console.log(`\nwrote ${RESULT}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
