/**
 * What every command works with: the resolved settings (flag, then environment, then the
 * config file, then the default), the output, and JustPay clients built from them.
 *
 * The API key comes from JUSTPAY_API_KEY when set (so CI and one-off runs never touch the
 * key file), else from the stored key file.
 */
import type { Writable } from "node:stream";
import { JustPayClient } from "../client/index.js";
import { DEFAULT_API_URL, type Env, readConfig, readStoredKey, type StoredConfig } from "./config.js";
import { CliError } from "./errors.js";
import { Output, type Streams } from "./output.js";

export interface GlobalOptions {
  apiUrl?: string;
  json?: boolean;
}

export interface CliIo extends Streams {
  env: Env;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean };
  /** The fetch the clients use (default globalThis.fetch). */
  fetch?: typeof fetch;
}

export class CliContext {
  readonly out: Output;
  /** Set by a command (mcp) that keeps serving after its action returns. */
  keepAlive = false;

  private constructor(
    readonly io: CliIo,
    readonly globals: GlobalOptions,
    readonly config: StoredConfig,
    readonly apiUrl: string,
  ) {
    this.out = new Output(globals.json === true, io);
  }

  static async create(io: CliIo, globals: GlobalOptions): Promise<CliContext> {
    const config = await readConfig(io.env);
    const apiUrl = (globals.apiUrl ?? io.env.JUSTPAY_API_URL ?? config.apiUrl ?? DEFAULT_API_URL).replace(/\/+$/, "");
    return new CliContext(io, globals, config, apiUrl);
  }

  get env(): Env {
    return this.io.env;
  }

  /** A client without a key, for registration and the public routes. */
  anonymousClient(): JustPayClient {
    return new JustPayClient({ baseUrl: this.apiUrl, ...(this.io.fetch ? { fetch: this.io.fetch } : {}) });
  }

  /** A client as the given key, or as the configured agent. */
  async client(apiKey?: string): Promise<JustPayClient> {
    const key = apiKey ?? (await this.apiKey());
    return this.anonymousClient().withApiKey(key);
  }

  async apiKey(): Promise<string> {
    const fromEnv = this.env.JUSTPAY_API_KEY?.trim();
    if (fromEnv) return fromEnv;
    const stored = await readStoredKey(this.env);
    if (stored) return stored;
    throw new CliError(
      "no API key: run `justpay register <name>` or `justpay login <api-key>`, or set JUSTPAY_API_KEY",
    );
  }
}
