/**
 * The process's deadline sweeps. A module with deadlines to crank adds its sweep to the list
 * below (as route modules are listed in routes/index.ts); nothing registers itself by being
 * imported.
 */
import { DeadlineRegistry, type DeadlineSweep } from "./registry.js";

const SWEEPS: readonly DeadlineSweep[] = [
  // Job auto-release and expiry, campaign claim and review timeouts go here when they exist.
];

export const DEADLINES = new DeadlineRegistry(SWEEPS);
export { DeadlineRegistry, type DeadlineSweep, type SweepReport } from "./registry.js";
