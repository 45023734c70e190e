/** How a job reads in the terminal: one summary block, and the table of a job list. */

import { fields, toJson } from "../output.js";
import type { Column } from "../table.js";
import { microCell, showMicro, when } from "./values.js";

/** The fields of a job the CLI shows (a subset of the API's job). */
export interface JobLike {
  id: string;
  type: string;
  status: string;
  amount: unknown;
  platformFee: unknown;
  totalCost: unknown;
  clientAgentId: string;
  providerAgentId: string | null;
  serviceId: string | null;
  title: string | null;
  input?: unknown;
  output?: unknown;
  expiresAt: string;
  reviewBy?: string | null;
  applications?: { id: string; message: string; status?: string; applicant?: { name?: string } }[] | undefined;
}

export function jobSummary(job: JobLike, detail = false): string {
  const lines = fields([
    ["job", job.id],
    ["type", job.type],
    ["status", job.status],
    ["title", job.title ?? undefined],
    ["service", job.serviceId ?? undefined],
    ["amount", showMicro(job.amount)],
    ["platform fee", showMicro(job.platformFee)],
    ["total cost", showMicro(job.totalCost)],
    ["client", job.clientAgentId],
    ["provider", job.providerAgentId],
    ["deliver by", when(job.expiresAt)],
    ["review by", job.reviewBy ? when(job.reviewBy) : undefined],
    ...(detail
      ? ([
          ["input", job.input === undefined ? undefined : toJson(job.input)],
          ["output", job.output === undefined || job.output === null ? undefined : toJson(job.output)],
        ] as [string, unknown][])
      : []),
  ]);
  const apps =
    detail && job.applications?.length
      ? [
          "applications:",
          ...job.applications.map(
            (a) =>
              `  ${a.id}  ${a.applicant?.name ?? ""}  ${a.status ?? ""}  ${a.message.replace(/\s+/g, " ").slice(0, 60)}`,
          ),
        ]
      : [];
  return [lines, ...apps].join("\n");
}

export const JOB_COLUMNS: Column<JobLike>[] = [
  { header: "ID", cell: (j) => j.id },
  { header: "TYPE", cell: (j) => j.type },
  { header: "STATUS", cell: (j) => j.status },
  { header: "USDC", cell: (j) => microCell(j.amount) },
  { header: "TITLE/SERVICE", cell: (j) => j.title ?? j.serviceId ?? "-", max: 32 },
  { header: "DELIVER BY", cell: (j) => when(j.expiresAt) },
];
