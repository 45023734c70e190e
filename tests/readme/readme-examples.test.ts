/**
 * Runs the README's tested examples (readme-examples.ts) against a real stack: the API on a
 * loopback port with Postgres, Redis, LocalChain, the indexer and the workers, and its chain
 * served as an RPC node. Each block runs as a reader would run it, on the sdk as its users
 * get it (built into sdk/dist, not the repository's sources), with only the two local URLs it
 * names (`http://127.0.0.1:3000`, the API; `http://127.0.0.1:8899`, the chain) pointed at this
 * test's stack:
 * - bash blocks in bash, with the package's `justpay` bin on the PATH and a fresh config directory;
 * - ts blocks as ES modules inside the repository, importing `@justpay/sdk` by name;
 * - the MCP configuration (json) is spawned as an MCP client would, and must list its tools.
 * A block must exit 0 and print what its comments say it prints.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { chmod, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, join, resolve } from "node:path";
import { startTestApi, type TestApi } from "@justpay/api/testing";
import { JustPayClient } from "@justpay/sdk/client";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { buildSdk, outsideRepoEnv, SDK_DIST } from "../sdk/support/sdk-package.js";
import { type Example, readmeExamples } from "./readme-examples.js";

const ROOT = resolve(__dirname, "../..");
const EXAMPLES = readmeExamples(join(ROOT, "README.md"));
const RUN_DIR = join(__dirname, ".examples");

/** What each example must print (stdout), beyond exiting 0. */
const EXPECTED: Record<string, RegExp[]> = {
  "agents-cli": [/9\.00 USDC/, /Text Summarizer/],
  "developers-client": [/provider earned 0\.50 USDC/, /client paid 0\.515 USDC/, /webhook job\.completed verified/],
  "auditors-verify": [/vault covered: true/, /job verified: true/],
  "auditors-cli": [/Vault audit PASSED/],
};

function run(command: string, args: string[], env: NodeJS.ProcessEnv, cwd = ROOT) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
    const child = spawn(command, args, { cwd, env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c) => {
      stdout += c;
    });
    child.stderr.on("data", (c) => {
      stderr += c;
    });
    child.on("close", (code) => done({ code, stdout, stderr }));
  });
}

describe("README examples", function () {
  this.timeout(240_000);
  let api: TestApi;
  let apiUrl: string;
  let rpcUrl: string;
  let home: string;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    api = await startTestApi({ label: "readme", env: { JUSTPAY_RATE_LIMIT_PER_MINUTE: "100000" } });
    apiUrl = await api.app.listen({ host: "127.0.0.1", port: 0 });
    const served = api.stack.chainRpc;
    if (!served) throw new Error("the test stack serves no chain RPC");
    rpcUrl = served.url.replace(/\/$/, "");
    home = await mkdtemp(join(tmpdir(), "justpay-readme-"));
    const bin = join(home, "bin");
    await mkdir(bin);
    await buildSdk();
    await writeFile(join(bin, "justpay"), `#!/bin/sh\nexec "${process.execPath}" "${join(SDK_DIST, "cli.js")}" "$@"\n`);
    await chmod(join(bin, "justpay"), 0o755);
    await mkdir(RUN_DIR, { recursive: true });
    env = {
      ...outsideRepoEnv(),
      HOME: home,
      XDG_CONFIG_HOME: join(home, "config"),
      PATH: `${bin}${delimiter}${process.env.PATH}`,
      JUSTPAY_API_URL: undefined,
      JUSTPAY_API_KEY: undefined,
    };
  });
  after(async () => {
    await api?.close();
    if (home) await rm(home, { recursive: true, force: true });
    await rm(RUN_DIR, { recursive: true, force: true });
  });

  /** The block as this stack runs it: the README's local URLs pointed at the test's. */
  const local = (code: string) =>
    code.replaceAll("http://127.0.0.1:3000", apiUrl).replaceAll("http://127.0.0.1:8899", rpcUrl);

  it("the README marks examples for agents, developers and auditors", () => {
    const names = EXAMPLES.map((e) => e.name);
    for (const name of ["agents-cli", "agents-mcp", "developers-client", "auditors-verify", "auditors-cli"])
      assert.ok(names.includes(name), `README.md has no tested example "${name}"`);
  });

  for (const example of EXAMPLES) {
    it(`${example.name} (README.md:${example.line}, ${example.lang})`, async () => {
      const result = await runExample(example);
      assert.equal(result.code, 0, `exit ${result.code}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`);
      for (const expected of EXPECTED[example.name] ?? [])
        assert.match(result.stdout, expected, `--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`);
    });
  }

  async function runExample(example: Example) {
    const code = local(example.code);
    if (example.lang === "bash") return run("bash", ["-euo", "pipefail", "-c", code], env);
    if (example.lang === "ts") {
      const file = join(RUN_DIR, `${example.name}.mts`);
      await writeFile(file, code);
      return run(process.execPath, ["--import", "tsx", file], env);
    }
    if (example.lang === "json") return runMcpConfig(JSON.parse(code));
    throw new Error(`README.md:${example.line}: no runner for ${example.lang} blocks`);
  }

  /** Spawns the configured MCP server as an MCP client does, with a real agent's key. */
  async function runMcpConfig(config: {
    mcpServers: Record<string, { command: string; args: string[]; env: Record<string, string> }>;
  }) {
    const server = config.mcpServers.justpay;
    assert.ok(server, "the configuration names a justpay server");
    const { apiKey } = await new JustPayClient({ baseUrl: apiUrl }).auth.register({ name: "readme-mcp-agent" });
    const transport = new StdioClientTransport({
      command: server.command,
      args: server.args,
      cwd: ROOT,
      env: { ...server.env, JUSTPAY_API_KEY: apiKey, PATH: env.PATH ?? "", HOME: home },
      stderr: "pipe",
    });
    const client = new Client({ name: "readme-test", version: "1.0.0" });
    await client.connect(transport);
    try {
      const { tools } = await client.listTools();
      const names = tools.map((t) => t.name);
      for (const tool of ["discover_services", "hire_service", "deliver_job", "accept_delivery", "get_balance"])
        assert.ok(names.includes(tool), `tool ${tool} missing from ${names.join(", ")}`);
      const balance = await client.callTool({ name: "get_balance", arguments: {} });
      assert.notEqual(balance.isError, true, JSON.stringify(balance.content));
      return { code: 0, stdout: names.join("\n"), stderr: "" };
    } finally {
      await client.close();
    }
  }
});
