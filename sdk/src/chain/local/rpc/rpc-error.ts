/** A JSON-RPC error answer: `code` as a Solana node uses them (-32602 bad params, …). */
export class RpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
  }
}
