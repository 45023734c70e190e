/**
 * SEED_API.md, "Campaigns (Bounty Pools)": create, discover (public, 30/min per IP), details
 * (public), list mine, and the owner's top-up, pause, resume and cancel. The task routes
 * (claim, deliver, list, accept, reject) are in tasks.ts. The domain is api/src/campaigns.
 */

import {
  CampaignList,
  CampaignParams,
  CampaignSchema,
  CreateCampaignBody,
  DiscoverCampaignsQuery,
  ErrorBody,
  IdempotencyHeaders,
  MyCampaignsQuery,
  TopUpBody,
} from "@justpay/sdk/schemas";
import { cancelCampaign, pauseCampaign, resumeCampaign, topUpCampaign } from "../../campaigns/campaign-admin.js";
import { CampaignStore } from "../../campaigns/campaign-store.js";
import { campaignView } from "../../campaigns/campaign-view.js";
import { createCampaign } from "../../campaigns/create-campaign.js";
import { notFound } from "../../http/http-error.js";
import { PUBLIC_IP_LIMIT } from "../../http/rate-limits.js";
import { defineRoutes } from "../route-module.js";
import { campaignTaskRoutes } from "./tasks.js";
import { CAMPAIGN_WEBHOOKS } from "./webhook-events.js";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export const campaignRoutes = defineRoutes("campaigns", "/api/v1/campaigns", async (app) => {
  const auth = app.requireActivated;
  await app.register(campaignTaskRoutes);

  app.post(
    "",
    {
      preHandler: [auth, app.idempotent],
      schema: {
        summary: "Create a campaign (bounty pool)",
        description:
          "Escrows the whole totalBudget from your balance on-chain. rewardPerTask ≥ 1000; totalBudget must cover one " +
          "task (reward + 3% fee); defaults: maxPerAgent 1, dailyLimitPerAgent unlimited, minTrustScore 0, autoAccept " +
          "true, reviewTimeoutSecs 300, maxExecutionTimeSecs 300, maxConcurrentClaims 10, durationDays 30. " +
          CAMPAIGN_WEBHOOKS,
        headers: IdempotencyHeaders,
        body: CreateCampaignBody,
        response: { 201: CampaignSchema, ...errors },
      },
    },
    async (request, reply) => {
      const key = request.headers["idempotency-key"];
      const campaign = await createCampaign(
        app.ctx,
        request.agent!,
        request.body,
        typeof key === "string" ? key : null,
      );
      return reply.code(201).send(campaignView(campaign, request.agent!.id));
    },
  );

  app.get(
    "/discover",
    {
      config: PUBLIC_IP_LIMIT,
      schema: {
        summary: "Browse active campaigns",
        description:
          "Public. Campaigns taking claims, newest first; `category` exact, `search` in title or description.",
        querystring: DiscoverCampaignsQuery,
        response: { 200: CampaignList, 400: ErrorBody },
      },
    },
    async (request) => {
      const { page, limit, category, search } = request.query;
      const now = await app.ctx.chain.unixTime();
      const { campaigns, total } = await new CampaignStore(app.ctx.knex).discover({
        page,
        limit,
        category: category || undefined,
        search: search?.trim() || undefined,
        now,
      });
      return { campaigns: campaigns.map((c) => campaignView(c)), pagination: { page, limit, total } };
    },
  );

  app.get(
    "",
    {
      preHandler: auth,
      schema: {
        summary: "List my campaigns (owner)",
        description: "Newest first; `status` filters.",
        querystring: MyCampaignsQuery,
        response: { 200: CampaignList, ...errors },
      },
    },
    async (request) => {
      const { page, limit, status } = request.query;
      const me = request.agent!.id;
      const { campaigns, total } = await new CampaignStore(app.ctx.knex).listMine(me, { page, limit, status });
      return { campaigns: campaigns.map((c) => campaignView(c, me)), pagination: { page, limit, total } };
    },
  );

  app.get(
    "/:id",
    {
      preHandler: app.optionalAgent,
      schema: {
        summary: "Get campaign details",
        description: "Public. The owner also sees the campaign's callbackUrl.",
        params: CampaignParams,
        response: { 200: CampaignSchema, 401: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      const campaign = await new CampaignStore(app.ctx.knex).find(request.params.id);
      if (campaign?.phase !== "live") throw notFound("Campaign not found");
      return campaignView(campaign, request.agent?.id);
    },
  );

  app.post(
    "/:id/top-up",
    {
      preHandler: [auth, app.idempotent],
      schema: {
        summary: "Top up a campaign (owner)",
        description:
          "Adds funds to the pool from your balance. A completed campaign whose pool covers a task again reactivates.",
        headers: IdempotencyHeaders,
        params: CampaignParams,
        body: TopUpBody,
        response: { 200: CampaignSchema, ...errors },
      },
    },
    async (request) => {
      const key = request.headers["idempotency-key"];
      const c = await topUpCampaign(
        app.ctx,
        request.agent!,
        request.params.id,
        request.body.amount,
        typeof key === "string" ? key : null,
      );
      return campaignView(c, request.agent!.id);
    },
  );

  const ownerStep = (path: string, summary: string, description: string, run: typeof pauseCampaign) =>
    app.post(
      path,
      {
        preHandler: auth,
        schema: { summary, description, params: CampaignParams, response: { 200: CampaignSchema, ...errors } },
      },
      async (request) => {
        const { id } = request.params as { id: string };
        return campaignView(await run(app.ctx, request.agent!, id), request.agent!.id);
      },
    );

  ownerStep(
    "/:id/pause",
    "Pause a campaign (owner)",
    "Stops new claims; tasks in progress continue to completion.",
    pauseCampaign,
  );
  ownerStep(
    "/:id/resume",
    "Resume a campaign (owner)",
    "Claims are taken again; a pool that ran dry meanwhile completes it.",
    resumeCampaign,
  );
  ownerStep(
    "/:id/cancel",
    "Cancel a campaign (owner)",
    "Refunds the remaining pool and voids every undelivered task (its reward + fee back to you); delivered tasks " +
      "still settle (accept/reject, or auto-accept after the review window).",
    cancelCampaign,
  );
});
