/**
 * `justpay audit` (`npm run audit -- [options]`): checks the vault invariant from chain state
 * alone and, given a database, that the mirror equals the chain. Exit code 0 when
 * everything holds, 1 on any mismatch, 2 when the audit could not run.
 */
import { join } from "node:path";
import { parseArgs } from "node:util";
import { databaseUrl, openDatabase } from "@justpay/db";
import { PublicKey } from "@solana/web3.js";
import { openAuditChain } from "./open-chain.js";
import { progressBar } from "./progress.js";
import { formatReport } from "./report.js";
import { type AuditReport, runAudit } from "./run-audit.js";

const USAGE = `usage: justpay audit [options]

  --data-dir <dir>       embedded LocalChain data directory (default $JUSTPAY_DATA_DIR/chain, .justpay/chain)
  --rpc <url|env>        read a cluster instead; "env": $SOLANA_RPC_URL, $SOLANA_WS_URL, $HELIUS_API_KEY
  --ws <url>             WebSocket endpoint for --rpc (default: derived from the url)
  --program-id <id>      escrow program id (default $JUSTPAY_PROGRAM_ID, else the IDL's address)
  --database-url <url>   Postgres holding the mirror (default $DATABASE_URL or ${databaseUrl()})
  --schema <name>        Postgres schema of the mirror (default public)
  --no-mirror            check the vault invariant only
  --json                 print the report as JSON
  --quiet                no progress bar
  --help`;

function parse() {
  return parseArgs({
    options: {
      "data-dir": { type: "string", default: join(process.env.JUSTPAY_DATA_DIR ?? ".justpay", "chain") },
      rpc: { type: "string" },
      ws: { type: "string" },
      "program-id": { type: "string" },
      "database-url": { type: "string" },
      schema: { type: "string", default: "public" },
      "no-mirror": { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      quiet: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
    strict: true,
  }).values;
}

function toJson(report: AuditReport): string {
  return JSON.stringify(report, (_k, v) => (typeof v === "bigint" ? v.toString() : v), 2);
}

async function main(): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse();
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  // The same variable the API reads, so an audit of a deployment needs no extra flag.
  const programIdText = args["program-id"] ?? (process.env.JUSTPAY_PROGRAM_ID || undefined);
  const programId = programIdText ? new PublicKey(programIdText) : undefined;
  const chain = await openAuditChain({ dataDir: args["data-dir"], rpc: args.rpc, ws: args.ws, programId });
  const db = args["no-mirror"] ? undefined : await openDatabase({ url: args["database-url"], schema: args.schema });
  try {
    const report = await runAudit({ chain, db, programId, progress: progressBar({ quiet: args.quiet }) });
    console.log(args.json ? toJson(report) : formatReport(report));
    return report.ok ? 0 : 1;
  } finally {
    await db?.close();
    await chain.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`audit could not run: ${(e as Error).message}`);
    process.exit(2);
  },
);
