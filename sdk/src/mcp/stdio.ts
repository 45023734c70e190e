/**
 * Runnable entry: `node --import tsx sdk/src/mcp/stdio.ts` (what `justpay mcp` starts), configured by
 * JUSTPAY_API_URL and JUSTPAY_API_KEY. A start-up failure is one line on stderr and exit code 1.
 */
import { runMcpServer } from "./run.js";

runMcpServer().catch((error: unknown) => {
  process.stderr.write(`justpay mcp: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
