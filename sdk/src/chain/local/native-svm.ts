/**
 * litesvm's native binding, under the kit wrapper that `LiteSVM` is. The wrapper speaks kit: it
 * takes base58 addresses, and transactions as kit objects that it encodes back to wire bytes
 * before the binding decodes them once more. The binding takes addresses and transactions as
 * bytes, so LocalChain hands it what it already holds.
 *
 * Its transaction methods abort the process on bytes that do not decode (a Rust panic), so
 * only bytes `decodeWireTransaction` accepted may reach them.
 */
import type { LiteSVM } from "litesvm";
import type { LiteSvm as NativeLiteSvm } from "litesvm/dist/internal.js";

export type NativeSvm = Pick<
  NativeLiteSvm,
  | "getAccount"
  | "sendLegacyTransaction"
  | "sendVersionedTransaction"
  | "simulateLegacyTransaction"
  | "simulateVersionedTransaction"
>;

export const nativeSvm = (svm: LiteSVM): NativeSvm => (svm as unknown as { inner: NativeSvm }).inner;
