/** Application window: an open job still Open once apply_by passed (nobody chosen) is refunded to the client in full. */
import { jobSweep } from "./job-sweep.js";

export const jobApplicationExpiry = jobSweep("job-application-expiry", "refund", (store, now) =>
  store.due(["Open"], "apply_by", now),
);
