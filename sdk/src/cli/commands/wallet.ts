/** `balance`, `deposit-address`, `fund`, `withdraw`, `panic`, `transactions`: the agent's money. */
import type { Command } from "commander";
import { parseUsdcAmount, showAmount } from "../amounts.js";
import type { CliApp } from "../app.js";
import type { CliContext } from "../context.js";
import { CliError, UsageError } from "../errors.js";
import { intArgument } from "../json-input.js";
import { fields, pageFooter } from "../output.js";
import { withSpinner } from "../spinner.js";
import { microCell, showMicro, when } from "./values.js";

/** How long `fund` waits for the deposit scan to credit a transfer, and how often it asks. */
const CREDIT_TIMEOUT_MS = 60_000;
const CREDIT_POLL_MS = 1_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function isStatus(e: unknown, status: number): boolean {
  return e instanceof Error && (e as { status?: unknown }).status === status;
}

type Client = Awaited<ReturnType<CliContext["client"]>>;
type DepositAnswer = Awaited<ReturnType<Client["wallet"]["confirmDeposit"]>>;

/** Asks confirm-deposit until it credits something: the scan may not have seen the transfer yet. */
async function waitForCredit(ctx: CliContext, client: Client): Promise<DepositAnswer> {
  return withSpinner(ctx.out, ctx.io.stderr, "waiting for the deposit to be credited", async (progress) => {
    const deadline = Date.now() + CREDIT_TIMEOUT_MS;
    for (let attempt = 1; ; attempt++) {
      const answer = await client.wallet.confirmDeposit();
      if (answer.depositsFound > 0) return answer;
      if (Date.now() >= deadline)
        throw new CliError(
          `no deposit credited within ${CREDIT_TIMEOUT_MS / 1000}s: ${answer.message} Run \`justpay fund --confirm\` to check again.`,
        );
      progress.update(`waiting for the deposit to be credited (attempt ${attempt})`);
      await sleep(CREDIT_POLL_MS);
    }
  });
}

export function registerWalletCommands(program: Command, app: CliApp): void {
  program
    .command("balance")
    .description("available, escrowed and pending USDC")
    .action(
      app.action(async (ctx) => {
        const b = await (await ctx.client()).wallet.balance();
        ctx.out.result(b, () =>
          [
            fields([
              ["available", showMicro(b.available)],
              ["escrowed", showMicro(b.escrowed)],
              ["pending", showMicro(b.pending)],
              ["total", showMicro(b.total)],
              ["withdrawal address", b.withdrawalAddress ?? null],
            ]),
            ...(b.warnings ?? []).map((w: string) => `WARNING: ${w}`),
          ].join("\n"),
        );
      }),
    );

  program
    .command("deposit-address")
    .description("where to send USDC (SPL, Solana) to fund the agent")
    .action(
      app.action(async (ctx) => {
        const a = await (await ctx.client()).wallet.depositAddress();
        ctx.out.result(a, () =>
          [
            a.address,
            `Send ${a.token} on ${a.network} from a personal wallet (not an exchange), then run \`justpay fund --confirm\`.`,
          ].join("\n"),
        );
      }),
    );

  program
    .command("fund")
    .description(
      "local API: send test USDC to the agent and wait until it is credited (--confirm: only check for deposits)",
    )
    .argument("[amount]", "USDC, e.g. 5 or 0.50")
    .option("--confirm", "do not send anything: wait for a deposit you made to be credited")
    .action(
      app.action<{ confirm?: boolean }>(async (ctx, [amountText], o) => {
        const client = await ctx.client();
        let funded: { signature: string; from: string } | undefined;
        let amount: bigint | undefined;
        if (!o.confirm) {
          if (amountText === undefined)
            throw new UsageError("fund needs an amount in USDC (e.g. `justpay fund 5`), or --confirm");
          amount = parseUsdcAmount(amountText);
          const { address } = await client.wallet.depositAddress();
          try {
            funded = await client.dev.fund(address, amount);
          } catch (e) {
            if (isStatus(e, 404))
              throw new CliError(
                `${ctx.apiUrl} is not a local-mode API (no /dev/fund): send USDC to ${address} from a personal wallet, then run \`justpay fund --confirm\``,
              );
            throw e;
          }
          ctx.out.note(`Sent ${showAmount(amount)} to ${address} from ${funded.from}.`);
        }
        const deposit = await waitForCredit(ctx, client);
        const balance = await client.wallet.balance();
        ctx.out.result({ ...(funded ? { funded: { ...funded, amount } } : {}), deposit, balance }, () =>
          [
            deposit.message,
            fields([
              ["credited", deposit.totalCredited !== undefined ? showMicro(deposit.totalCredited) : undefined],
              ["activated", deposit.activated],
              ["available", showMicro(balance.available)],
            ]),
            deposit.action ? `Next: ${deposit.action.message} (suggested: ${deposit.action.suggestedAddress})` : "",
          ]
            .filter(Boolean)
            .join("\n"),
        );
      }),
    );

  program
    .command("withdraw")
    .description("send USDC to the withdrawal address (minimum 5 USDC, 0.10 fee)")
    .argument("<amount>", "USDC, e.g. 5")
    .option("--to <address>", "set the withdrawal address first (changing it starts a 24 h cooldown)")
    .action(
      app.action<{ to?: string }>(async (ctx, [amountText], o) => {
        const amount = parseUsdcAmount(amountText!);
        const client = await ctx.client();
        let address: Awaited<ReturnType<typeof client.wallet.setWithdrawalAddress>> | undefined;
        if (o.to) {
          address = await client.wallet.setWithdrawalAddress(o.to);
          ctx.out.note(
            `${address.message}${address.cooldownUntil ? ` (cooldown until ${when(address.cooldownUntil)})` : ""}`,
          );
        }
        const w = await client.wallet.withdraw({ amount });
        ctx.out.result({ ...(address ? { withdrawalAddress: address } : {}), ...w }, () =>
          [
            w.message,
            fields([
              ["amount", showAmount(amount)],
              ["fee", showMicro(w.fee)],
              ["you receive", showMicro(w.netAmount)],
              ["transaction", w.transactionId],
            ]),
          ].join("\n"),
        );
      }),
    );

  program
    .command("panic")
    .description("emergency: send the whole available balance to the emergency address (your first deposit's wallet)")
    .option("--yes", "really do it")
    .action(
      app.action<{ yes?: boolean }>(async (ctx, _args, o) => {
        if (!o.yes)
          throw new UsageError(
            "panic sends your whole balance to your emergency address; run `justpay panic --yes` to do it",
          );
        const p = await (await ctx.client()).wallet.panic();
        ctx.out.result(p, () =>
          [
            p.message,
            fields([
              ["sent", showMicro(p.amountWithdrawn)],
              ["to", p.emergencyAddress],
              ["transaction", p.transactionId],
            ]),
          ].join("\n"),
        );
      }),
    );

  program
    .command("transactions")
    .description("the agent's ledger entries, newest first")
    .option("--type <type>", "deposit, fee, escrow_lock, earned, spent, refund, withdrawal, ...")
    .option("--page <n>", "from 1", "1")
    .option("--limit <n>", "1-100", "20")
    .action(
      app.action<{ type?: string; page: string; limit: string }>(async (ctx, _args, o) => {
        const page = await (await ctx.client()).wallet.transactions({
          page: intArgument(o.page, "--page"),
          limit: intArgument(o.limit, "--limit"),
          ...(o.type ? { type: o.type as never } : {}),
        });
        ctx.out.list(
          page,
          page.transactions,
          [
            { header: "WHEN", cell: (t) => when(t.createdAt) },
            { header: "TYPE", cell: (t) => t.type },
            { header: "USDC", cell: (t) => `${t.direction === "out" ? "-" : "+"}${microCell(t.amount)}` },
            { header: "REFERENCE", cell: (t) => t.reference ?? "-" },
            { header: "SIGNATURE", cell: (t) => t.signature, max: 24 },
          ],
          "No transactions.",
          pageFooter(page.pagination),
        );
      }),
    );
}
