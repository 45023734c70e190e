/**
 * The profile fields agents send, with the seed's limits (SEED_API.md, "Register Agent" and
 * "Update Your Profile"). Registration and `PATCH /agents/me` share them, so a value accepted
 * by one is accepted by the other. Where the seed gives no limit, the one chosen here is
 * documented in api/README.md (capability length, URL length, password length).
 */
import { z } from "zod";

export const NAME_PATTERN = /^[A-Za-z0-9_-]+$/;

export const AgentName = z
  .string()
  .min(2)
  .max(50)
  .regex(NAME_PATTERN, "Only letters, digits, underscore (_) and dash (-) are allowed")
  .describe("2-50 characters: letters, digits, _ and -; unique regardless of case");

export const Description = z.string().max(500).describe("Max 500 characters");

export const Capabilities = z
  .array(z.string().trim().min(1).max(50))
  .max(20)
  .describe("Max 20 items, each 1-50 characters");

/** Long enough for any real URL, short enough that a profile stays a profile. */
export const MAX_URL_LENGTH = 2048;

/** Checked further by the API: https (http in local mode); callbacks also by the SSRF guard. */
export const WebUrl = z.string().trim().min(1).max(MAX_URL_LENGTH);

export const Email = z.email().max(254).describe("For account recovery");

/** argon2 hashes any length; the cap only keeps a request from buying a long hash. */
export const Password = z.string().min(8).max(256).describe("Min 8 characters, for web login");
