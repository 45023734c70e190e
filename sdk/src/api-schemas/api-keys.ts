/** API keys (SEED_API.md, "Generate New API Key", "Revoke API Key", plus the listing). */
import { z } from "zod";

/** The seed sends `{"name": …}`; a bare POST (no body) makes an unnamed key. */
export const NewKeyBody = z.object({ name: z.string().trim().min(1).max(100).optional() }).nullish();
export const NewKey = z.object({ apiKey: z.string(), keyPrefix: z.string(), keyId: z.string() });
export const KeyView = z.object({
  keyId: z.string(),
  name: z.string().nullable(),
  keyPrefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export const KeyList = z.object({ keys: z.array(KeyView) });
export const KeyParams = z.object({ keyId: z.string().min(1).max(64) });
export const RevokedKey = z.object({ message: z.string(), keyId: z.string() });
