/**
 * Helius, when HELIUS_API_KEY is set: its RPC endpoint, its priority-fee estimates and its
 * enhanced (parsed) transactions, through helius-sdk. Everything Helius-specific stays in this
 * file, and helius-sdk (ESM, built on @solana/kit) is loaded only when a key is configured.
 */
import type { HeliusClient } from "helius-sdk";

export type HeliusNetwork = "mainnet" | "devnet";

export interface HeliusOptions {
  apiKey: string;
  network?: HeliusNetwork;
  /** Another endpoint speaking the Helius RPC methods (tests point this at a stand-in). */
  baseUrl?: string;
}

export type EnhancedTransaction = Awaited<ReturnType<HeliusClient["enhanced"]["getTransactions"]>>[number];

/** Helius's priority levels, lowest to highest. */
export type HeliusPriorityLevel = "Min" | "Low" | "Medium" | "High" | "VeryHigh" | "UnsafeMax";

/** The RPC URL helius-sdk's `createHelius` talks to, for web3.js's Connection. */
export function heliusRpcUrl(options: HeliusOptions): string {
  const base = options.baseUrl ?? `https://${options.network ?? "mainnet"}.helius-rpc.com/`;
  return `${base}?api-key=${encodeURIComponent(options.apiKey)}`;
}

export function heliusFromEnv(env: NodeJS.ProcessEnv = process.env): HeliusOptions | undefined {
  const apiKey = env.HELIUS_API_KEY;
  if (!apiKey) return undefined;
  return { apiKey, network: env.HELIUS_NETWORK === "mainnet" ? "mainnet" : "devnet" };
}

export class Helius {
  private constructor(private readonly client: HeliusClient) {}

  static async create(options: HeliusOptions): Promise<Helius> {
    const { createHelius } = await import("helius-sdk");
    return new Helius(createHelius({ apiKey: options.apiKey, network: options.network, baseUrl: options.baseUrl }));
  }

  /** Micro-lamports per compute unit Helius recommends for writing these accounts. */
  async priorityFee(accountKeys: string[], priorityLevel: HeliusPriorityLevel = "High"): Promise<number | undefined> {
    const res = await this.client.getPriorityFeeEstimate({ accountKeys, options: { priorityLevel } });
    return res.priorityFeeEstimate;
  }

  /** Parsed transactions: types, token transfers, program events (Helius's REST API). */
  async enhancedTransactions(signatures: string[]): Promise<EnhancedTransaction[]> {
    return this.client.enhanced.getTransactions({ transactions: signatures });
  }
}
