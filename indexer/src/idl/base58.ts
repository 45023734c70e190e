/**
 * Base58 (Bitcoin alphabet) for account keys. web3.js's `toBase58` was most of the indexer's
 * CPU time in catch-up (several keys per account and event); this version works in limbs of
 * 58^7, which keep every intermediate below 2^53, so a 32-byte key costs a few hundred
 * multiply-adds instead of a thousand byte-wise divisions.
 */
const ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
const LIMB_DIGITS = 7;
const LIMB = 58 ** LIMB_DIGITS;

export function base58(bytes: Uint8Array): string {
  let zeros = 0;
  while (zeros < bytes.length && bytes[zeros] === 0) zeros++;
  // Little-endian limbs in base 58^7.
  const limbs: number[] = [];
  for (let i = zeros; i < bytes.length; i++) {
    let carry = bytes[i] as number;
    for (let j = 0; j < limbs.length; j++) {
      const x = (limbs[j] as number) * 256 + carry;
      carry = Math.floor(x / LIMB);
      limbs[j] = x - carry * LIMB;
    }
    while (carry > 0) {
      limbs.push(carry % LIMB);
      carry = Math.floor(carry / LIMB);
    }
  }
  let digits = "";
  for (let j = 0; j < limbs.length; j++) {
    let limb = limbs[j] as number;
    const last = j === limbs.length - 1;
    for (let d = 0; d < LIMB_DIGITS && (!last || limb > 0); d++) {
      digits = ALPHABET[limb % 58] + digits;
      limb = Math.floor(limb / 58);
    }
  }
  return "1".repeat(zeros) + digits;
}
