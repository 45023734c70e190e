/** Schemas shared by every route's documentation. */
import { z } from "zod";

/** The body of every non-2xx answer (SEED_API.md, Errors). */
export const ErrorBody = z.object({ error: z.string().describe("Human-readable error message") });
