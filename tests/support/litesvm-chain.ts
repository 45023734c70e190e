import { readFileSync } from "node:fs";
import { customErrorFromLogs } from "@justpay/sdk";
import * as kit from "@solana/kit";
import { Keypair, PublicKey, type TransactionInstruction } from "@solana/web3.js";
import { Clock, FailedTransactionMetadata, LiteSVM } from "litesvm";
import { type AccountState, type ChainFactory, deployUpgradeable, type TestChain, type TxResult } from "./chain.js";

const addr = (k: PublicKey) => kit.address(k.toBase58());

function role(isSigner: boolean, isWritable: boolean): kit.AccountRole {
  if (isSigner) return isWritable ? kit.AccountRole.WRITABLE_SIGNER : kit.AccountRole.READONLY_SIGNER;
  return isWritable ? kit.AccountRole.WRITABLE : kit.AccountRole.READONLY;
}

class LiteSvmChain implements TestChain {
  readonly name = "litesvm" as const;
  readonly payer = Keypair.generate();
  readonly upgradeAuthority = Keypair.generate();
  private readonly signers = new Map<string, Promise<kit.KeyPairSigner>>();

  constructor(
    private readonly svm: LiteSVM,
    readonly programId: PublicKey,
  ) {
    svm.airdrop(addr(this.payer.publicKey), kit.lamports(1_000_000_000_000n));
  }

  private signer(k: Keypair): Promise<kit.KeyPairSigner> {
    const key = k.publicKey.toBase58();
    let s = this.signers.get(key);
    if (!s) {
      s = kit.createKeyPairSignerFromBytes(k.secretKey);
      this.signers.set(key, s);
    }
    return s;
  }

  async send(instructions: TransactionInstruction[], signers: Keypair[]): Promise<TxResult> {
    const bySigner = new Map<string, kit.KeyPairSigner>();
    for (const k of [this.payer, ...signers]) bySigner.set(k.publicKey.toBase58(), await this.signer(k));
    const payer = bySigner.get(this.payer.publicKey.toBase58()) as kit.KeyPairSigner;
    const kitInstructions = instructions.map((ix) => ({
      programAddress: addr(ix.programId),
      data: new Uint8Array(ix.data),
      accounts: ix.keys.map((k) => {
        const signer = k.isSigner ? bySigner.get(k.pubkey.toBase58()) : undefined;
        const meta = { address: addr(k.pubkey), role: role(k.isSigner, k.isWritable) };
        return signer ? { ...meta, signer } : meta;
      }),
    }));
    this.svm.expireBlockhash(); // distinct signatures for identical transactions
    const message = kit.pipe(
      kit.createTransactionMessage({ version: 0 }),
      (m) => kit.setTransactionMessageFeePayerSigner(payer, m),
      (m) => this.svm.setTransactionMessageLifetimeUsingLatestBlockhash(m),
      // kit's signer-carrying account metas are structurally what it expects; its types are stricter.
      (m) => kit.appendTransactionMessageInstructions(kitInstructions as never, m),
    );
    const tx = await kit.signTransactionMessageWithSigners(message);
    const res = this.svm.sendTransaction(tx);
    if (res instanceof FailedTransactionMetadata) {
      const meta = res.meta();
      const logs = meta.logs();
      return {
        ok: false,
        error: res.toString(),
        errorCode: customErrorFromLogs(logs),
        logs,
        computeUnits: Number(meta.computeUnitsConsumed()),
      };
    }
    return { ok: true, logs: res.logs(), computeUnits: Number(res.computeUnitsConsumed()) };
  }

  async getAccount(address: PublicKey): Promise<AccountState | null> {
    const a = this.svm.getAccount(addr(address));
    if (!a.exists || a.lamports === 0n) return null;
    return {
      lamports: a.lamports,
      owner: new PublicKey(a.programAddress),
      data: Buffer.from(a.data),
      executable: a.executable,
    };
  }

  async setAccount(address: PublicKey, account: AccountState): Promise<void> {
    this.svm.setAccount({
      address: addr(address),
      data: new Uint8Array(account.data),
      executable: account.executable ?? false,
      lamports: kit.lamports(account.lamports),
      programAddress: addr(account.owner),
      space: BigInt(account.data.length),
    });
  }

  async now(): Promise<bigint> {
    return this.svm.getClock().unixTimestamp;
  }

  async warpTo(unixTimestamp: bigint): Promise<void> {
    const c = this.svm.getClock();
    this.svm.setClock(new Clock(c.slot + 1n, c.epochStartTimestamp, c.epoch, c.leaderScheduleEpoch, unixTimestamp));
  }

  async airdrop(address: PublicKey, lamports: bigint): Promise<void> {
    this.svm.airdrop(addr(address), kit.lamports(lamports));
  }

  async close(): Promise<void> {}
}

export const startLiteSvm: ChainFactory = async (programId: PublicKey, programPath: string) => {
  const chain = new LiteSvmChain(new LiteSVM(), programId);
  await deployUpgradeable(chain, programId, readFileSync(programPath), chain.upgradeAuthority.publicKey);
  return chain;
};
