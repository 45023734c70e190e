/** The `:id` of a service route. */
import { z } from "zod";

export const ServiceParams = z.object({ id: z.string().min(1).max(64) });
