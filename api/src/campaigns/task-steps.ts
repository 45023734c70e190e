/**
 * The steps on a claimed task: the claimant delivers; the owner accepts or rejects a delivery
 * under manual review. Who asks and the task's status (from the mirror) are checked first, so
 * the common refusals are the API's 403/409 with a reason; the program checks again. Outbox
 * keys are one per task and step, so a retried step executes once. A delivery's output must
 * match the campaign's taskDescription when that compiles as a JSON Schema.
 */
import { createHash } from "node:crypto";
import type { AgentRow } from "@justpay/db";
import type { AppContext } from "../context.js";
import { badRequest, conflict, forbidden, notFound } from "../http/http-error.js";
import { outputHash } from "../jobs/job-input.js";
import { compileJsonSchema, describeSchemaErrors } from "../services/json-schema.js";
import { acceptTaskInstruction, deliverTaskInstruction, rejectTaskInstruction } from "./campaign-instructions.js";
import { notifyTask } from "./campaign-notices.js";
import { CampaignStore, type CampaignWithState, type TaskAfterStep, TaskStore } from "./campaign-store.js";
import { crankTask, recordTaskSettlement, taskAccounts } from "./settle-task.js";
import { scheduleTaskCrank } from "./task-cranks.js";

type Role = "owner" | "claimant";

/** The campaign and its task if `agent` is the owner or the claimant; 404 otherwise. */
export async function visibleTask(ctx: AppContext, agent: AgentRow, campaignId: string, taskId: string) {
  const campaign = await new CampaignStore(ctx.knex).find(campaignId);
  const task = campaign ? await new TaskStore(ctx.knex).find(taskId) : undefined;
  if (
    !campaign ||
    !task ||
    task.campaign_id !== campaign.id ||
    task.status === "failed" ||
    (task.agent_id !== agent.id && campaign.owner_agent_id !== agent.id)
  )
    throw notFound("Task not found");
  return { campaign, task };
}

async function taskFor(
  ctx: AppContext,
  agent: AgentRow,
  campaignId: string,
  taskId: string,
  role: Role,
  status: string,
  action: string,
) {
  const found = await visibleTask(ctx, agent, campaignId, taskId);
  const mine = role === "owner" ? found.campaign.owner_agent_id : found.task.agent_id;
  if (mine !== agent.id) throw forbidden(`Only the campaign's ${role} can ${action}`);
  if (found.task.status !== status)
    throw conflict(`Cannot ${action}: the task is ${found.task.status} (needs ${status})`);
  return found;
}

/** The taskDescription as a JSON Schema, when it compiles as one; plain instructions otherwise. */
function requireMatchesTaskDescription(campaign: CampaignWithState, output: unknown) {
  const schema = campaign.task_description;
  if (schema === null || typeof schema !== "object" || Array.isArray(schema)) return;
  const compiled = compileJsonSchema(schema as Record<string, unknown>);
  if (!compiled.ok) return;
  if (!compiled.validate(output))
    throw badRequest(
      `output: does not match the campaign's taskDescription: ${describeSchemaErrors(compiled.validate.errors)}`,
    );
}

export async function deliverTask(
  ctx: AppContext,
  agent: AgentRow,
  campaignId: string,
  taskId: string,
  output: unknown,
) {
  const { campaign, task } = await taskFor(ctx, agent, campaignId, taskId, "claimant", "claimed", "deliver");
  if (campaign.status === "cancelled") throw conflict("Cannot deliver: the campaign was cancelled");
  requireMatchesTaskDescription(campaign, output);
  const hash = outputHash(output);
  const ix = await deliverTaskInstruction(ctx, await taskAccounts(ctx, campaign, task), hash);
  // The hash is in the intent: a second delivery with another output is the outbox's 409.
  const landed = await ctx.tx.execute(`campaign-task-deliver:${task.id}`, "deliver_task", [ix]);
  await new TaskStore(ctx.knex).update(task.id, {
    output: JSON.stringify(output) as unknown,
    output_hash: hash.toString("hex"),
    delivered_at: new Date(),
  });
  await ctx.waitForSlot(landed.slot);
  // With autoAccept, deliver_task paid at once (TaskPaid in the same transaction): the read
  // records that settlement too, and its webhooks follow the delivery's.
  const read = (await new TaskStore(ctx.knex).findRecordingSettlement(task.id)) as TaskAfterStep;
  const delivered = read.task;
  await notifyTask(ctx, campaign, delivered, "campaign.task_delivered");
  if (delivered.settled_by) return recordTaskSettlement(ctx, task.id, read);
  if (delivered.review_by) await scheduleTaskCrank(ctx, task.id, "review_by", BigInt(delivered.review_by));
  return delivered;
}

export async function acceptTask(ctx: AppContext, agent: AgentRow, campaignId: string, taskId: string) {
  const { campaign, task } = await taskFor(ctx, agent, campaignId, taskId, "owner", "delivered", "accept this task");
  const accounts = await taskAccounts(ctx, campaign, task);
  const ix = await acceptTaskInstruction(ctx, accounts, accounts.owner);
  return crankTask(ctx, task, `campaign-task-accept:${task.id}`, "accept_task", ix);
}

export async function rejectTask(ctx: AppContext, agent: AgentRow, campaignId: string, taskId: string, reason: string) {
  const { campaign, task } = await taskFor(ctx, agent, campaignId, taskId, "owner", "delivered", "reject this task");
  const reasonHash = createHash("sha256").update(reason).digest();
  const ix = await rejectTaskInstruction(ctx, await taskAccounts(ctx, campaign, task), reasonHash);
  const tasks = new TaskStore(ctx.knex);
  // Stored first so the rejection's webhook carries it; cleared again when the program refuses.
  await tasks.update(task.id, { reject_reason: reason });
  try {
    return await crankTask(ctx, task, `campaign-task-reject:${task.id}`, "reject_task", ix);
  } catch (e) {
    if ((await tasks.find(task.id))?.status !== "rejected") await tasks.update(task.id, { reject_reason: null });
    throw e;
  }
}
