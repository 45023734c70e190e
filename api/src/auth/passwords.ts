/**
 * Password hashing for web login: argon2id with OWASP's baseline parameters (19 MiB of
 * memory, 2 passes, 1 lane). The parameters travel inside each PHC-format hash, so raising
 * them later leaves existing hashes verifiable.
 */
import { hash, verify } from "@node-rs/argon2";

/** OWASP Password Storage Cheat Sheet, argon2id minimum: m=19456 KiB, t=2, p=1. */
export const PASSWORD_HASH_PARAMS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Returns a `$argon2id$v=19$m=…,t=…,p=…$salt$hash` string with a fresh random salt. */
export function hashPassword(password: string): Promise<string> {
  // @node-rs/argon2's default algorithm is argon2id; its enum is a const enum that
  // isolatedModules cannot import, so the test pins the algorithm from the output instead.
  return hash(password, PASSWORD_HASH_PARAMS);
}

/** Constant-time check of `password` against a stored hash. */
export function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  return verify(storedHash, password);
}

let dummyHash: Promise<string> | undefined;

/**
 * For a login whose account does not exist: spends the same time as a real check and
 * answers false, so response times do not tell which names are registered.
 */
export async function verifyAgainstNoAccount(password: string): Promise<false> {
  dummyHash ??= hashPassword("justpay: no such account");
  await verify(await dummyHash, password);
  return false;
}
