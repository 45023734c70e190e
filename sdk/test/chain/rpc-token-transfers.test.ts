/**
 * RpcChain's parsing of a node's jsonParsed transaction for what the stand-in cannot produce
 * (LocalChain logs no inner instructions and no pre-transaction token balances): a transfer
 * made by a CPI, and a sender whose token account the transaction closed.
 */
import assert from "node:assert/strict";
import { Keypair, type ParsedTransactionWithMeta, PublicKey } from "@solana/web3.js";
import { transfersInto } from "../../src/chain/rpc/token-transfers.js";

const TOKEN = new PublicKey("TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA");
const key = () => Keypair.generate().publicKey;

describe("RpcChain token transfers from jsonParsed transactions", () => {
  const [recipient, vault, closedSource, owner, authority, someProgram] = [key(), key(), key(), key(), key(), key()];
  const transfer = (source: PublicKey, amount: string, by: PublicKey) => ({
    program: "spl-token",
    programId: TOKEN,
    parsed: {
      type: "transfer",
      info: { source: source.toBase58(), destination: recipient.toBase58(), authority: by.toBase58(), amount },
    },
  });
  const keys = [authority, recipient, vault, closedSource, someProgram, TOKEN];
  const tx = {
    slot: 42,
    blockTime: 1_700_000_000,
    transaction: {
      signatures: ["sig"],
      message: {
        accountKeys: keys.map((pubkey) => ({ pubkey, signer: false, writable: true })),
        instructions: [
          { programId: someProgram, accounts: [vault, recipient], data: "" },
          transfer(closedSource, "7", authority),
        ],
        recentBlockhash: "x",
      },
    },
    meta: {
      err: null,
      fee: 5000,
      preBalances: [],
      postBalances: [],
      innerInstructions: [{ index: 0, instructions: [transfer(vault, "5", someProgram)] }],
      // The closed source appears only before the transaction; the vault in both.
      preTokenBalances: [
        { accountIndex: 3, mint: "m", owner: owner.toBase58(), uiTokenAmount: {} },
        { accountIndex: 2, mint: "m", owner: someProgram.toBase58(), uiTokenAmount: {} },
      ],
      postTokenBalances: [{ accountIndex: 2, mint: "m", owner: someProgram.toBase58(), uiTokenAmount: {} }],
    },
  } as unknown as ParsedTransactionWithMeta;

  it("reads inner (CPI) transfers in execution order, and the owner a closed source had", () => {
    const found = transfersInto({ signature: "sig", slot: 42, err: null, blockTime: null }, tx, recipient.toBase58());

    assert.deepEqual(
      found.map((t) => [t.index, t.amount, t.source.toBase58(), t.sourceOwner.toBase58()]),
      [
        [0, 5n, vault.toBase58(), someProgram.toBase58()],
        [1, 7n, closedSource.toBase58(), owner.toBase58()],
      ],
    );
    assert.ok(found.every((t) => t.slot === 42 && t.blockTime === 1_700_000_000));
  });

  it("finds nothing in a failed transaction", () => {
    const failed = { ...tx, meta: { ...tx.meta!, err: { InstructionError: [0, { Custom: 1 }] } } };
    assert.deepEqual(
      transfersInto({ signature: "sig", slot: 42, err: "x", blockTime: null }, failed, recipient.toBase58()),
      [],
    );
  });
});
