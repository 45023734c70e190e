/**
 * The process's deadline sweeps. A module with deadlines to crank adds its sweep to the list
 * below (as route modules are listed in routes/index.ts); nothing registers itself by being
 * imported.
 */
import { campaignLifecycle } from "./campaign-lifecycle.js";
import { campaignReviewTimeout } from "./campaign-review-timeout.js";
import { campaignTaskExpiry } from "./campaign-task-expiry.js";
import { creationRecovery } from "./creation-recovery.js";
import { jobApplicationExpiry } from "./job-application-expiry.js";
import { jobAutoRelease } from "./job-auto-release.js";
import { jobExpiry } from "./job-expiry.js";
import { jobReconcile } from "./job-reconcile.js";
import { DeadlineRegistry, type DeadlineSweep } from "./registry.js";
import { reportExpiry } from "./report-expiry.js";

const SWEEPS: readonly DeadlineSweep[] = [
  jobAutoRelease,
  jobExpiry,
  jobApplicationExpiry,
  jobReconcile,
  reportExpiry,
  campaignTaskExpiry,
  campaignReviewTimeout,
  campaignLifecycle,
  creationRecovery,
];

export const DEADLINES = new DeadlineRegistry(SWEEPS);
export { DeadlineRegistry, type DeadlineSweep, type SweepReport } from "./registry.js";
