/**
 * Row ids: `c` + time (base36) + random (base36), collision-free across replicas and roughly
 * ordered by creation, in the spirit of the seed's `clx…` ids.
 */
import { randomBytes } from "node:crypto";

export function newId(): string {
  const random = BigInt(`0x${randomBytes(10).toString("hex")}`)
    .toString(36)
    .padStart(16, "0");
  return `c${Date.now().toString(36)}${random}`;
}
