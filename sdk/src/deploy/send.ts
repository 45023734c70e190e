/** One signed legacy transaction through the chain port; a failed one throws with its logs. */
import { type Keypair, Transaction, type TransactionInstruction } from "@solana/web3.js";
import type { Chain, SendOutcome } from "../chain/port.js";

export class DeployStepError extends Error {
  override name = "DeployStepError";
  constructor(
    readonly step: string,
    readonly outcome: SendOutcome,
  ) {
    super(`${step} failed: ${outcome.err}${outcome.logs.length ? `\n${outcome.logs.join("\n")}` : ""}`);
  }
}

export async function sendInstructions(
  chain: Chain,
  step: string,
  payer: Keypair,
  instructions: TransactionInstruction[],
  signers: Keypair[] = [],
): Promise<SendOutcome> {
  const { blockhash, lastValidBlockHeight } = await chain.latestBlockhash();
  const tx = new Transaction({ feePayer: payer.publicKey, blockhash, lastValidBlockHeight }).add(...instructions);
  const distinct = [payer, ...signers].filter(
    (k, i, all) => all.findIndex((o) => o.publicKey.equals(k.publicKey)) === i,
  );
  tx.sign(...distinct);
  const outcome = await chain.sendTransaction(tx);
  if (outcome.err) throw new DeployStepError(step, outcome);
  return outcome;
}
