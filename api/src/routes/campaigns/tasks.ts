/**
 * SEED_API.md, "Campaigns": claim a task, deliver it, list a campaign's tasks (the owner sees
 * every task, others only their own), and the owner's accept and reject under manual review.
 * Auth: Required + Activated.
 */

import {
  CampaignParams,
  DeliverTaskBody,
  ErrorBody,
  IdempotencyHeaders,
  RejectTaskBody,
  TaskList,
  TaskParams,
  TaskSchema,
  TasksQuery,
} from "@justpay/sdk/schemas";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { CampaignStore, TaskStore } from "../../campaigns/campaign-store.js";
import { taskView } from "../../campaigns/campaign-view.js";
import { claimTask } from "../../campaigns/claim-task.js";
import { acceptTask, deliverTask, rejectTask } from "../../campaigns/task-steps.js";
import { notFound } from "../../http/http-error.js";
import { CAMPAIGN_WEBHOOKS } from "./webhook-events.js";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export const campaignTaskRoutes: FastifyPluginAsyncZod = async (app) => {
  const auth = app.requireActivated;

  app.post(
    "/:id/claim",
    {
      preHandler: [auth, app.idempotent],
      schema: {
        summary: "Claim a task",
        description:
          "Locks one task's reward + fee from the pool for you until expiresAt (maxExecutionTimeSecs); undelivered, " +
          "it goes back to the pool. Refused: your own campaign (400), trust score below minTrustScore (403), not " +
          "active, ended, budget exhausted, maxConcurrentClaims, maxPerAgent or dailyLimitPerAgent reached (409). " +
          CAMPAIGN_WEBHOOKS,
        headers: IdempotencyHeaders,
        params: CampaignParams,
        response: { 201: TaskSchema, ...errors },
      },
    },
    async (request, reply) => {
      const key = request.headers["idempotency-key"];
      const task = await claimTask(app.ctx, request.agent!, request.params.id, typeof key === "string" ? key : null);
      return reply.code(201).send(taskView(task));
    },
  );

  app.post(
    "/:id/tasks/:taskId/deliver",
    {
      preHandler: auth,
      schema: {
        summary: "Deliver a task (claimant)",
        description:
          "Before expiresAt. The output must match taskDescription when it is a JSON Schema (400 naming the path). " +
          "With autoAccept the reward is paid at once (`accepted`); otherwise the owner reviews within reviewTimeoutSecs, " +
          "after which it is auto-accepted.",
        params: TaskParams,
        body: DeliverTaskBody,
        response: { 200: TaskSchema, ...errors },
      },
    },
    async (request) => {
      const { id, taskId } = request.params;
      return taskView(await deliverTask(app.ctx, request.agent!, id, taskId, request.body.output));
    },
  );

  app.get(
    "/:id/tasks",
    {
      preHandler: auth,
      schema: {
        summary: "List campaign tasks",
        description: "The owner sees every task, other agents only their own. Newest first.",
        params: CampaignParams,
        querystring: TasksQuery,
        response: { 200: TaskList, ...errors },
      },
    },
    async (request) => {
      const campaign = await new CampaignStore(app.ctx.knex).find(request.params.id);
      if (campaign?.phase !== "live") throw notFound("Campaign not found");
      const { page, limit, status } = request.query;
      const agentId = campaign.owner_agent_id === request.agent!.id ? undefined : request.agent!.id;
      const { tasks, total } = await new TaskStore(app.ctx.knex).list(campaign.id, { agentId, status, page, limit });
      return { tasks: tasks.map(taskView), pagination: { page, limit, total } };
    },
  );

  app.post(
    "/:id/tasks/:taskId/accept",
    {
      preHandler: auth,
      schema: {
        summary: "Accept a task (owner, manual review)",
        description: "Pays the reward to the agent; the fee goes to the platform.",
        params: TaskParams,
        response: { 200: TaskSchema, ...errors },
      },
    },
    async (request) => {
      const { id, taskId } = request.params;
      return taskView(await acceptTask(app.ctx, request.agent!, id, taskId));
    },
  );

  app.post(
    "/:id/tasks/:taskId/reject",
    {
      preHandler: auth,
      schema: {
        summary: "Reject a task (owner, manual review)",
        description:
          "Before the review window ends. reward + fee go back to the pool; the claim still counts toward maxPerAgent.",
        params: TaskParams,
        body: RejectTaskBody,
        response: { 200: TaskSchema, ...errors },
      },
    },
    async (request) => {
      const { id, taskId } = request.params;
      return taskView(await rejectTask(app.ctx, request.agent!, id, taskId, request.body.reason));
    },
  );
};
