/** Delivery timeout: a job not delivered by deliver_by is refunded to the client in full, fee included. */
import { jobSweep } from "./job-sweep.js";

export const jobExpiry = jobSweep("job-expiry", "refund", (store, now) =>
  store.due(["Funded", "Accepted"], "deliver_by", now),
);
