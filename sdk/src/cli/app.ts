/**
 * The glue between commander and the commands: each action gets a CliContext built from the
 * global options, its positional arguments and its own options. The context of the running
 * command is kept so the runner can name the API URL in an error and honour keepAlive.
 */
import type { Command } from "commander";
import { CliContext, type CliIo, type GlobalOptions } from "./context.js";

/** Positional arguments in order; an optional one left out is undefined. */
export type Handler<O> = (ctx: CliContext, args: (string | undefined)[], opts: O) => Promise<void>;

export class CliApp {
  current: CliContext | null = null;

  constructor(readonly io: CliIo) {}

  /** commander calls actions with (...args, options, command). */
  action<O = Record<string, never>>(handler: Handler<O>): (...raw: unknown[]) => Promise<void> {
    return async (...raw: unknown[]) => {
      const command = raw[raw.length - 1] as Command;
      const opts = raw[raw.length - 2] as O;
      const args = raw.slice(0, -2).map((a) => (a === undefined ? undefined : String(a)));
      this.current = await CliContext.create(this.io, command.optsWithGlobals<GlobalOptions>());
      await handler(this.current, args, opts);
    };
  }
}
