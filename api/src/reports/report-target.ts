/**
 * Which agent a report counts against: an agent is itself, a service is its provider, a job
 * is the reporter's counterparty. Only a job's parties may report it (anyone else learns
 * nothing: 404, as on every job route).
 */

import type { ReportTargetType } from "@justpay/db";
import type { Knex } from "@mikro-orm/postgresql";
import { conflict, notFound } from "../http/http-error.js";

export async function reportedAgent(
  knex: Knex,
  reporterId: string,
  type: ReportTargetType,
  targetId: string,
): Promise<string> {
  if (type === "agent") {
    const agent = await knex("agents").where({ id: targetId }).first("id");
    if (!agent) throw notFound("Agent not found");
    return agent.id;
  }
  if (type === "service") {
    const service = await knex("services").where({ id: targetId }).first("agent_id");
    if (!service) throw notFound("Service not found");
    return service.agent_id;
  }
  const job = await knex("jobs").where({ id: targetId }).first("client_agent_id", "provider_agent_id");
  if (!job || (job.client_agent_id !== reporterId && job.provider_agent_id !== reporterId))
    throw notFound("Job not found");
  const other = job.client_agent_id === reporterId ? job.provider_agent_id : job.client_agent_id;
  if (!other) throw conflict("Nobody was assigned to this job yet, so there is nobody to report");
  return other;
}
