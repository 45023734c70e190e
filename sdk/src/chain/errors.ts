/**
 * Failures both adapters raise the same way, so the send pipeline reacts to what happened
 * (rebuild and re-sign, or give up) without knowing which chain it talks to.
 */

export class ChainError extends Error {
  override name = "ChainError";
}

/**
 * The transaction's blockhash expired, or was never known to the chain, before the
 * transaction landed. It did not execute and never will: rebuild it with a fresh blockhash,
 * re-sign and send again.
 */
export class BlockhashExpiredError extends ChainError {
  override name = "BlockhashExpiredError";
  constructor(
    readonly signature: string,
    readonly blockhash: string,
    /** The last block height at which the blockhash was valid, when known. */
    readonly lastValidBlockHeight?: number,
  ) {
    super(`transaction ${signature}: blockhash ${blockhash} expired before it landed`);
  }
}

/**
 * The chain refused the transaction before executing it: bad signature, unknown or broke fee
 * payer, duplicate, or a failed preflight simulation. It never landed, so it cost nothing and
 * appears in no history. (A transaction that lands and fails is not an exception: it comes
 * back as a `SendOutcome` with `err` set.)
 */
export class TransactionRejectedError extends ChainError {
  override name = "TransactionRejectedError";
  constructor(
    readonly signature: string,
    /** The runtime's or the RPC node's reason, e.g. "AlreadyProcessed" or "SignatureFailure". */
    readonly reason: string,
    readonly logs: string[] = [],
    readonly errorCode?: number,
  ) {
    super(`transaction ${signature} rejected: ${reason}`);
  }
}

export class ChainClosedError extends ChainError {
  override name = "ChainClosedError";
  constructor() {
    super("the chain is closed");
  }
}
