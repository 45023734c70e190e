/**
 * The process's deadline sweeps. A module with deadlines to crank adds its sweep to the list
 * below (as route modules are listed in routes/index.ts); nothing registers itself by being
 * imported.
 */
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
  // Campaign claim and review timeouts go here when they exist.
];

export const DEADLINES = new DeadlineRegistry(SWEEPS);
export { DeadlineRegistry, type DeadlineSweep, type SweepReport } from "./registry.js";
