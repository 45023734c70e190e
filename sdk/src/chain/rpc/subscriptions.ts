/**
 * `subscribe` over the RPC WebSocket: programSubscribe (as `onProgramAccountChange`) and
 * logsSubscribe mentioning the program (as `onLogs`).
 *
 * web3.js reconnects a dropped socket by itself and re-issues the subscriptions, but
 * notifications sent while it was down are lost. It reports each subscription's state only
 * through an internal hook (`_onSubscriptionStateChange`); when present, a subscription that
 * falls back to "pending" and later comes back as "subscribed" is a reconnect, and the
 * listener's `onResubscribed` tells it to backfill by signature.
 *
 * A node's programSubscribe never reports a closed account (solana-labs/solana#25097): the
 * program's events, one per terminal state, are how a consumer learns of closes here.
 */
import type { Connection, PublicKey } from "@solana/web3.js";
import type { ChainListener, Commitment } from "../port.js";
import { formatTransactionError } from "../tx-error.js";
import { toChainAccount } from "./mapping.js";

type SubscriptionState = "pending" | "subscribing" | "subscribed" | "unsubscribing" | "unsubscribed";

/** web3.js internals: the state-change hook, and the current state (a shared subscription has no change). */
interface SubscriptionStateHook {
  _onSubscriptionStateChange?(clientSubscriptionId: number, callback: (state: SubscriptionState) => void): () => void;
  _subscriptionHashByClientSubscriptionId?: Record<number, string | undefined>;
  _subscriptionsByHash?: Record<string, { state?: SubscriptionState } | undefined>;
}

function currentState(hook: SubscriptionStateHook, id: number): SubscriptionState | undefined {
  const hash = hook._subscriptionHashByClientSubscriptionId?.[id];
  return hash === undefined ? undefined : hook._subscriptionsByHash?.[hash]?.state;
}

export interface ProgramSubscription {
  /** Unsubscribes; resolves when the node has acknowledged (or the socket is gone). */
  stop(): Promise<void>;
  /** Resolves once every subscription is live on the server. */
  ready: Promise<void>;
}

export function subscribeProgram(
  connection: Connection,
  programId: PublicKey,
  commitment: Commitment,
  listener: ChainListener,
): ProgramSubscription {
  const ids = [
    connection.onProgramAccountChange(
      programId,
      (keyed, context) =>
        listener.onAccountChange?.({
          slot: context.slot,
          address: keyed.accountId,
          account: toChainAccount(keyed.accountId, keyed.accountInfo),
        }),
      { commitment, encoding: "base64" },
    ),
    connection.onLogs(
      programId,
      (logs, context) =>
        listener.onLogs?.({
          signature: logs.signature,
          slot: context.slot,
          err: formatTransactionError(logs.err),
          logs: logs.logs,
        }),
      commitment,
    ),
  ];
  const tracker = trackStates(connection as unknown as SubscriptionStateHook, ids, () => listener.onResubscribed?.());
  return {
    ready: tracker.ready,
    stop: async () => {
      tracker.stop();
      await Promise.all([
        connection.removeProgramAccountChangeListener(ids[0]!).catch(() => undefined),
        connection.removeOnLogsListener(ids[1]!).catch(() => undefined),
      ]);
    },
  };
}

function trackStates(hook: SubscriptionStateHook, ids: number[], onResubscribed: () => void) {
  const states = new Map<number, SubscriptionState>();
  let interrupted = false;
  let resolveReady!: () => void;
  const ready = new Promise<void>((resolve) => {
    resolveReady = resolve;
  });
  const allLive = () => ids.every((id) => states.get(id) === "subscribed");
  if (typeof hook._onSubscriptionStateChange !== "function") {
    // Without the hook there is no way to tell; treat the subscriptions as live.
    resolveReady();
    return { ready, stop: () => undefined };
  }
  // web3.js shares one server subscription among identical ones; a second subscriber joins an
  // already live subscription and will see no state change, so start from the current state.
  for (const id of ids) {
    const state = currentState(hook, id);
    if (state) states.set(id, state);
  }
  if (allLive()) resolveReady();
  const offs = ids.map((id) =>
    hook._onSubscriptionStateChange!(id, (state) => {
      const was = states.get(id);
      states.set(id, state);
      if (was === "subscribed" && state === "pending") interrupted = true;
      if (state === "subscribed" && allLive()) {
        resolveReady();
        if (interrupted) {
          interrupted = false;
          onResubscribed();
        }
      }
    }),
  );
  return {
    ready,
    stop: () => {
      for (const off of offs) off();
    },
  };
}

/** The parts of web3.js's internal WebSocket client (rpc-websockets) that shutting down needs. */
interface InternalSocket {
  setAutoReconnect?(reconnect: boolean): void;
  reconnect_timer_id?: ReturnType<typeof setTimeout>;
  close?(code?: number): void;
}

/**
 * Closes the connection's WebSocket for good. web3.js re-opens a socket that did not close
 * cleanly (a node that went away) forever and offers no public way to stop it, so this turns
 * off its client's auto-reconnect, cancels a pending attempt and closes with code 1000.
 */
export function shutdownWebSocket(connection: Connection): void {
  const socket = (connection as unknown as { _rpcWebSocket?: InternalSocket })._rpcWebSocket;
  if (!socket) return;
  socket.setAutoReconnect?.(false);
  if (socket.reconnect_timer_id !== undefined) clearTimeout(socket.reconnect_timer_id);
  try {
    socket.close?.(1000);
  } catch {
    // already closed
  }
}
