/**
 * Registering an agent: a custodial wallet, its on-chain Agent ledger (with the emergency
 * address pinned when the agent names one), the profile and the first API key.
 *
 * Failure safety: the ledger is created first and the profile is written last, in one
 * database transaction with the key, after every step that can fail. So a profile never
 * exists without its ledger, and a failed registration leaves no profile, no key and no
 * taken name: the agent simply registers again. What a failure can leave behind is an empty
 * on-chain ledger whose wallet nobody holds (it never receives funds, since its address was
 * never given out); that costs the fee payer its rent and nothing else.
 *
 * While the ledger is created the wallet's key is not stored anywhere yet, so it is lent to
 * the outbox for that one call. If the process dies in between, outbox recovery either lands
 * the already-signed bytes (an orphan ledger, as above) or voids the intent.
 */

import type { AgentRow } from "@justpay/db";
import { Keypair, PublicKey } from "@solana/web3.js";
import { readActivation } from "../auth/activation.js";
import type { IssuedApiKey } from "../auth/api-key-store.js";
import { hashPassword } from "../auth/passwords.js";
import type { AppContext } from "../context.js";
import { newId } from "../db/ids.js";
import { HttpError } from "../http/http-error.js";
import { TxBusyError } from "../tx/errors.js";
import { generateWebhookSecret } from "../webhooks/secrets.js";
import { pinEmergencyAddressInstruction, registerAgentInstruction } from "./ledger.js";
import { AgentProfiles, nameTaken } from "./profile-store.js";
import { vetCallbackUrl } from "./url-rules.js";

export interface RegistrationRequest {
  name: string;
  description?: string;
  capabilities?: string[];
  callbackUrl?: string;
  email?: string;
  password?: string;
  /** Extension: pins the emergency (panic) address on-chain in the registering transaction. */
  recoveryAddress?: string;
}

export interface Registration {
  agent: AgentRow;
  key: IssuedApiKey;
  /** The on-chain config's activation fee, in micro-USDC. */
  activationFee: bigint;
}

export async function registerAgent(ctx: AppContext, r: RegistrationRequest): Promise<Registration> {
  const profiles = new AgentProfiles(ctx.knex);
  // Checked before anything is spent; the unique index still decides a race.
  if (await profiles.isNameTaken(r.name)) throw nameTaken(r.name);
  const callbackUrl = r.callbackUrl === undefined ? null : await vetCallbackUrl(ctx.config, r.callbackUrl);
  const passwordHash = r.password === undefined ? null : await hashPassword(r.password);

  const wallet = Keypair.generate();
  const walletAddress = wallet.publicKey.toBase58();
  const { programId } = ctx.chain;
  const instructions = [await registerAgentInstruction(programId, ctx.platform.feePayer.publicKey, wallet.publicKey)];
  if (r.recoveryAddress !== undefined)
    instructions.push(
      await pinEmergencyAddressInstruction(programId, wallet.publicKey, new PublicKey(r.recoveryAddress)),
    );
  const landed = await ctx.signers
    .lending(wallet, () => ctx.tx.execute(`register-agent:${walletAddress}`, "register_agent", instructions))
    .catch(explainBusy);
  await ctx.waitForSlot(landed.slot);
  const { activationFee } = await readActivation(ctx.knex, walletAddress);

  const { agent, key } = await profiles.create(
    {
      id: newId(),
      name: r.name,
      description: r.description ?? null,
      capabilities: r.capabilities ?? [],
      email: r.email ?? null,
      passwordHash,
      callbackUrl,
      webhookSecret: generateWebhookSecret(),
      walletAddress,
      sealedSecret: ctx.custody.seal(wallet),
    },
    ctx.apiKeys,
  );
  return { agent, key, activationFee };
}

/**
 * The wallet is brand new, so only outbox recovery can hold its intent (it leases every
 * unsettled intent, a fresh one included). Nothing was stored: the answer is "register
 * again", not the outbox's message about Idempotency-Keys, which this route does not take.
 */
function explainBusy(e: unknown): never {
  if (e instanceof TxBusyError)
    throw new HttpError(503, "Registration did not complete and nothing was stored; register again", {
      "retry-after": "1",
    });
  throw e;
}
