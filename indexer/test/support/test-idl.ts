/**
 * The real IDL plus an account type it does not have yet, shaped like the coming `Job`
 * (unit enum, nested struct, option, a field named like a bookkeeping column), to prove the
 * mirror follows the IDL without code changes.
 */
import { createHash } from "node:crypto";
import type { Idl } from "@justpay/db";
import { IDL } from "@justpay/sdk";

const discriminator = (preimage: string) => [...createHash("sha256").update(preimage).digest().subarray(0, 8)];

export const FUTURE_ACCOUNT = "FutureJob";

export function idlWithFutureAccount(): Idl {
  const base = IDL as Idl;
  return {
    ...base,
    accounts: [
      ...(base.accounts ?? []),
      { name: FUTURE_ACCOUNT, discriminator: discriminator(`account:${FUTURE_ACCOUNT}`) },
    ],
    types: [
      ...(base.types ?? []),
      {
        name: FUTURE_ACCOUNT,
        type: {
          kind: "struct",
          fields: [
            { name: "client", type: "pubkey" },
            { name: "amount", type: "u64" },
            { name: "fee", type: "u64" },
            { name: "status", type: { defined: { name: "FutureStatus" } } },
            { name: "deadlines", type: { defined: { name: "FutureDeadlines" } } },
            { name: "memo", type: { option: "string" } },
            { name: "slot", type: "u32" },
            { name: "big", type: "i128" },
            { name: "done", type: "bool" },
            { name: "output_hash", type: { array: ["u8", 4] } },
            { name: "reserved", type: { array: ["u8", 4] } },
          ],
        },
      },
      {
        name: "FutureStatus",
        type: { kind: "enum", variants: [{ name: "Funded" }, { name: "Accepted" }, { name: "Delivered" }] },
      },
      {
        name: "FutureDeadlines",
        type: {
          kind: "struct",
          fields: [
            { name: "deliver_by", type: "i64" },
            { name: "review_by", type: "i64" },
          ],
        },
      },
    ],
  };
}
