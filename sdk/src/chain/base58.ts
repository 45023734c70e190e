/**
 * Base58 (Bitcoin alphabet) encoding of signatures, keys and blockhashes, for LocalChain and the
 * indexer. web3.js's `toBase58` and @solana/kit's codec go through byte-wise division or a
 * BigInt (about 25 µs a signature), and both name several keys per transaction or account; this
 * one works on machine integers: the number is held in base 58^7 limbs, each input byte
 * multiplied in with carries that stay below 2^53.
 */
const ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
const LIMB_DIGITS = 7;
const LIMB = 58 ** LIMB_DIGITS;

export function encodeBase58(bytes: Uint8Array): string {
  let zeros = 0;
  while (zeros < bytes.length && bytes[zeros] === 0) zeros++;
  // Least significant limb first.
  const limbs: number[] = [];
  for (let i = zeros; i < bytes.length; i++) {
    let carry = bytes[i]!;
    for (let j = 0; j < limbs.length; j++) {
      const value = limbs[j]! * 256 + carry;
      carry = Math.floor(value / LIMB);
      limbs[j] = value - carry * LIMB;
    }
    while (carry > 0) {
      limbs.push(carry % LIMB);
      carry = Math.floor(carry / LIMB);
    }
  }
  let digits = "";
  for (let j = 0; j < limbs.length; j++) {
    let limb = limbs[j]!;
    const last = j === limbs.length - 1;
    // Every limb but the most significant one has exactly LIMB_DIGITS digits, zeros included.
    for (let d = 0; d < LIMB_DIGITS && (!last || limb > 0); d++) {
      digits = ALPHABET[limb % 58]! + digits;
      limb = Math.floor(limb / 58);
    }
  }
  return "1".repeat(zeros) + digits;
}
