/**
 * The on-chain side of an agent: the instructions that open its Agent ledger, built by the
 * sdk's program client. The platform's fee payer pays the rent (the outbox makes it the
 * transaction's payer), so the new wallet only signs and never needs SOL.
 */

import {
  buildContext,
  pinEmergencyAddressInstruction as buildPinEmergencyAddress,
  registerAgentInstruction as buildRegisterAgent,
} from "@justpay/sdk";
import type { PublicKey, TransactionInstruction } from "@solana/web3.js";

export function registerAgentInstruction(
  programId: PublicKey,
  feePayer: PublicKey,
  wallet: PublicKey,
): TransactionInstruction {
  return buildRegisterAgent({ payer: feePayer, wallet }, buildContext(programId));
}

/**
 * Pins where `panic` pays before any deposit can decide it: the program allows it only while
 * nothing was deposited and no address is recorded, so it belongs in the registering
 * transaction, right after `register_agent`.
 */
export function pinEmergencyAddressInstruction(
  programId: PublicKey,
  wallet: PublicKey,
  address: PublicKey,
): TransactionInstruction {
  return buildPinEmergencyAddress({ wallet, address }, buildContext(programId));
}
