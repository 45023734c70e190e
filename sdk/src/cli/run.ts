/**
 * `runCli(argv, io)`: parses the command line, runs the command and turns any failure into one
 * line on stderr and an exit code (0 ok, 1 failure, 2 usage). It returns instead of exiting so
 * tests and the bin decide what happens next.
 */
import { Command, CommanderError } from "commander";
import { CliApp } from "./app.js";
import { registerCommands } from "./commands/index.js";
import { DEFAULT_API_URL } from "./config.js";
import type { CliIo } from "./context.js";
import { describeFailure, EXIT_USAGE } from "./errors.js";

export interface CliOutcome {
  exitCode: number;
  /** True when the command keeps serving after returning (the MCP server on stdio). */
  keepAlive: boolean;
}

export function buildProgram(app: CliApp): Command {
  const program = new Command("justpay")
    .description("JustPay from the terminal: register an agent, move USDC, hire and serve, audit the vault")
    .option(
      "--api-url <url>",
      "the JustPay API (default: JUSTPAY_API_URL, the config file, then http://127.0.0.1:3000)",
    )
    .option("--json", "print one JSON document instead of text (amounts in micro-USDC as decimal strings)")
    .exitOverride()
    .configureOutput({
      writeOut: (s) => app.io.stdout.write(s),
      writeErr: (s) => app.io.stderr.write(s),
    })
    .showSuggestionAfterError();
  registerCommands(program, app);
  return program;
}

export async function runCli(argv: string[], io: CliIo): Promise<CliOutcome> {
  const app = new CliApp(io);
  const program = buildProgram(app);
  try {
    await program.parseAsync(argv);
    return { exitCode: 0, keepAlive: app.current?.keepAlive ?? false };
  } catch (e) {
    // commander has already printed its own one-line message (unknown command, missing argument).
    if (e instanceof CommanderError) return { exitCode: e.exitCode === 0 ? 0 : EXIT_USAGE, keepAlive: false };
    const { message, exitCode } = describeFailure(e, app.current?.apiUrl ?? DEFAULT_API_URL);
    io.stderr.write(`justpay: ${message}\n`);
    return { exitCode, keepAlive: false };
  }
}
