/**
 * A stock @coral-xyz/anchor `Program` on a test runtime, built from the committed IDL file
 * alone (no SDK helpers), as an outside Anchor user would build it.
 *
 * The runtimes have no JSON-RPC endpoint, so the provider is a minimal one around the test
 * chain. It gives Anchor exactly what it asks a provider for: `connection.getAccountInfo`
 * (the account resolver fetches accounts whose data holds a seed) and `sendAndConfirm`
 * (`.rpc()`), which fails the way AnchorProvider does, with web3.js's `SendTransactionError`
 * carrying the logs. Turning that into a typed error is then left to Anchor's own
 * `translateError`.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { Program, type Provider } from "@coral-xyz/anchor";
import {
  type AccountInfo,
  type Connection,
  type Keypair,
  type PublicKey,
  SendTransactionError,
  type Signer,
  Transaction,
  type VersionedTransaction,
} from "@solana/web3.js";
import type { JustpayEscrow } from "../../target/types/justpay_escrow.js";
import type { TestChain } from "./chain.js";

export const IDL_PATH = resolve(__dirname, "../../target/idl/justpay_escrow.json");

export class TestChainProvider implements Provider {
  readonly connection: Connection;
  readonly publicKey: PublicKey;

  constructor(private readonly chain: TestChain) {
    this.publicKey = chain.payer.publicKey;
    const getAccountInfo = async (address: PublicKey): Promise<AccountInfo<Buffer> | null> => {
      const a = await chain.getAccount(address);
      if (!a) return null;
      return { lamports: Number(a.lamports), owner: a.owner, data: a.data, executable: a.executable ?? false };
    };
    // Only the method Program calls is there; anything else would fail loudly as undefined.
    this.connection = { getAccountInfo } as unknown as Connection;
  }

  /** The test chains report no signature; `.rpc()` resolves to an empty one on success. */
  async sendAndConfirm(tx: Transaction | VersionedTransaction, signers: Signer[] = []): Promise<string> {
    if (!(tx instanceof Transaction)) throw new Error("TestChainProvider sends legacy transactions only");
    // The chain signs with the fee payer itself; Anchor's signers are the instructions' others.
    const r = await this.chain.send(tx.instructions, signers as Keypair[]);
    if (!r.ok) {
      throw new SendTransactionError({
        action: "send",
        signature: "",
        transactionMessage: r.error ?? "",
        logs: r.logs,
      });
    }
    return "";
  }
}

/** `new Program(idl, provider)` from target/idl, for the program deployed at `programId`. */
export function anchorProgram(programId: PublicKey, provider: Provider): Program<JustpayEscrow> {
  const idl = JSON.parse(readFileSync(IDL_PATH, "utf8")) as JustpayEscrow;
  return new Program<JustpayEscrow>({ ...idl, address: programId.toBase58() }, provider);
}
