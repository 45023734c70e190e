/** Auto-accept (SEED_API.md: "If not called within 5 minutes, auto-accepted"): release once review_by passed. */
import { jobSweep } from "./job-sweep.js";

export const jobAutoRelease = jobSweep("job-auto-release", "release", (store, now) =>
  store.due(["Delivered"], "review_by", now),
);
