/**
 * Generic refusal tests: an instruction as it would be sent (an `Attempt`), ways to break
 * it (strip a signature, mark an account read-only, substitute an account), and an
 * assertion that the program refuses it with a given error and changes nothing.
 */
import assert from "node:assert/strict";
import { errorCode, IDL } from "@justpay/sdk";
import { Keypair, type PublicKey, type TransactionInstruction } from "@solana/web3.js";
import { assertMoneyInvariants } from "./invariant.js";
import type { Platform } from "./platform.js";
import { setTokenAccount } from "./tokens.js";

export interface Attempt {
  ix: TransactionInstruction;
  signers: Keypair[];
}

export type Build = () => Promise<Attempt>;

/** The IDL's accounts of an instruction (camelCase names, in order). */
export function idlAccounts(p: Platform, instruction: string) {
  const ix = p.program.idl.instructions.find((i) => i.name === instruction);
  if (!ix) throw new Error(`no instruction ${instruction}`);
  return ix.accounts.map((a: any, index: number) => ({
    name: a.name as string,
    index,
    signer: Boolean(a.signer),
    writable: Boolean(a.writable),
  }));
}

function clone(a: Attempt): Attempt {
  return {
    ix: { ...a.ix, keys: a.ix.keys.map((k) => ({ ...k })) } as TransactionInstruction,
    signers: [...a.signers],
  };
}

/** The account at `index` no longer signs. */
export function withoutSignature(a: Attempt, index: number): Attempt {
  const c = clone(a);
  const key = c.ix.keys[index]!.pubkey;
  for (const k of c.ix.keys) if (k.pubkey.equals(key)) k.isSigner = false;
  c.signers = c.signers.filter((s) => !s.publicKey.equals(key));
  return c;
}

/** The account at `index` is passed read-only. */
export function readOnly(a: Attempt, index: number): Attempt {
  const c = clone(a);
  const key = c.ix.keys[index]!.pubkey;
  for (const k of c.ix.keys) if (k.pubkey.equals(key)) k.isWritable = false;
  return c;
}

/** Another account in place of the one at `index`; a keypair also signs in its place. */
export function substitute(a: Attempt, index: number, account: PublicKey | Keypair): Attempt {
  const c = clone(a);
  const meta = c.ix.keys[index]!;
  const old = meta.pubkey;
  if (account instanceof Keypair) {
    meta.pubkey = account.publicKey;
    if (meta.isSigner) c.signers = [...c.signers.filter((s) => !s.publicKey.equals(old)), account];
  } else {
    meta.pubkey = account;
    if (meta.isSigner) meta.isSigner = false;
  }
  return c;
}

/** Index of the named account in an instruction's account list. */
export function at(p: Platform, instruction: string, name: string): number {
  const a = idlAccounts(p, instruction).find((x) => x.name === name);
  if (!a) throw new Error(`${instruction} has no account ${name}`);
  return a.index;
}

/** A copy of an existing account at a fresh address, optionally with another owner. */
export async function copyOf(p: Platform, address: PublicKey, owner?: PublicKey): Promise<PublicKey> {
  const real = await p.chain.getAccount(address);
  if (!real) throw new Error(`nothing to copy at ${address.toBase58()}`);
  const fake = Keypair.generate().publicKey;
  await p.chain.setAccount(fake, { ...real, owner: owner ?? real.owner });
  return fake;
}

/** A fresh token account (not tracked for conservation: it holds nothing). */
export async function tokenAccount(
  p: Platform,
  owner: PublicKey,
  opts: { mint?: PublicKey; amount?: bigint; frozen?: boolean } = {},
): Promise<PublicKey> {
  const address = Keypair.generate().publicKey;
  await setTokenAccount(p.chain, address, {
    mint: opts.mint ?? p.usdcMint,
    owner,
    amount: opts.amount,
    frozen: opts.frozen,
  });
  if (opts.amount) {
    p.trackToken(address);
    p.externalSupply += opts.amount;
  }
  return address;
}

/**
 * Sends the attempt and asserts that the program refuses it with `error`, that the money
 * invariants hold, and that no watched account changed.
 */
export async function assertRefused(
  p: Platform,
  attempt: Attempt,
  error: string,
  watch: PublicKey[] = [],
): Promise<void> {
  // The fee payer pays for failed transactions too.
  watch = watch.filter((w) => !w.equals(p.chain.payer.publicKey));
  const before = await Promise.all(watch.map((w) => p.chain.getAccount(w)));
  const vaultBefore = (await assertMoneyInvariants(p)).vault;
  const r = await p.send(attempt.ix, attempt.signers);
  assert.equal(r.ok, false, `expected ${error}, but the transaction succeeded`);
  assert.equal(r.errorCode, errorCode(error as any), `expected ${error}, got ${r.error}\n${r.logs.join("\n")}`);
  const after = await Promise.all(watch.map((w) => p.chain.getAccount(w)));
  watch.forEach((w, i) => {
    assert.deepEqual(after[i]?.data, before[i]?.data, `${w.toBase58()} changed`);
    assert.equal(after[i]?.lamports, before[i]?.lamports, `${w.toBase58()} lamports changed`);
  });
  assert.equal((await assertMoneyInvariants(p)).vault, vaultBefore);
}

/** Sends the attempt and fails the test with the program's logs unless it succeeds. */
export async function assertAccepted(p: Platform, attempt: Attempt) {
  const r = await p.send(attempt.ix, attempt.signers);
  assert.ok(r.ok, `expected success, got ${r.error}\n${r.logs.join("\n")}`);
  return r;
}

const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** The raw IDL's accounts of an instruction (snake_case name), known before any platform starts. */
export function accountsOf(instruction: string) {
  const ix = IDL.instructions.find((i) => i.name === instruction);
  if (!ix) throw new Error(`no instruction ${instruction}`);
  return ix.accounts.map((a: any, index: number) => ({
    name: camel(a.name as string),
    index,
    signer: Boolean(a.signer),
    writable: Boolean(a.writable),
  }));
}

/**
 * One test per signer ("requires X's signature" → MissingSigner) and per writable account
 * ("requires X to be writable" → NotWritable) of an instruction, from its IDL. `build`
 * returns a valid attempt on the current platform; accounts the fee payer fills are skipped
 * because the fee payer always signs and is always writable.
 */
export function itChecksSignersAndWritability(
  instruction: string,
  platform: () => Platform,
  build: () => Promise<Attempt>,
  skip: string[] = [],
): void {
  for (const a of accountsOf(instruction)) {
    if (skip.includes(a.name)) continue;
    if (a.signer) {
      it(`requires ${a.name}'s signature`, async () => {
        const attempt = await build();
        await assertRefused(platform(), withoutSignature(attempt, a.index), "MissingSigner", watched(attempt));
      });
    }
    if (a.writable) {
      it(`requires ${a.name} to be writable`, async () => {
        const attempt = await build();
        await assertRefused(platform(), readOnly(attempt, a.index), "NotWritable", watched(attempt));
      });
    }
  }
}

/** Every writable account of an attempt: what a refused attempt must leave untouched. */
export function watched(attempt: Attempt): PublicKey[] {
  return attempt.ix.keys.filter((k) => k.isWritable).map((k) => k.pubkey);
}

/** A named way to break an instruction and the error the program must answer with. */
export type Refusal = [name: string, build: () => Promise<Attempt>, error: string];

/**
 * One test per refusal: the program answers with its error and leaves every writable account
 * of the attempt, and the accounts `alsoWatch` names, untouched.
 */
export function itRefusesEach(
  platform: () => Platform,
  refusals: Refusal[],
  alsoWatch: () => PublicKey[] = () => [],
): void {
  for (const [name, build, error] of refusals) {
    it(`is refused ${name}`, async () => {
      const attempt = await build();
      await assertRefused(platform(), attempt, error, [...watched(attempt), ...alsoWatch()]);
    });
  }
}
