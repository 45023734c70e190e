/** The generated IDL and its type, as the rest of the SDK consumes them. */
import type { Idl } from "@coral-xyz/anchor";
import idlJson from "../../../target/idl/justpay_escrow.json";
import type { JustpayEscrow } from "../../../target/types/justpay_escrow.js";

export type { JustpayEscrow };
export const IDL = idlJson as unknown as JustpayEscrow & Idl;
