/**
 * The agent's webhook delivery log: `GET /api/v1/webhooks/deliveries` (newest first, with
 * every attempt's status code and latency) and `POST /api/v1/webhooks/deliveries/:id/replay`.
 */

import { DeliveryListSchema, DeliveryParams, ErrorBody, PageQuery, ReplayAnswer } from "@justpay/sdk/schemas";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { webhookQueue } from "../../agents/webhook-queue.js";
import { conflict, notFound } from "../../http/http-error.js";
import { deliveryListView, deliveryView } from "../../webhooks/delivery-view.js";
import { DeliveryInProgressError, DeliveryNotFoundError } from "../../webhooks/queue.js";

const REPLAY_DESCRIPTION = `Sends a finished delivery (delivered or failed) again, as a new series of attempts with the
same retry schedule. The payload's data and the webhook-id header are the same as the first
time, so a receiver that deduplicates on webhook-id sees a replay; the timestamp and the
signatures are new (signed with your current secret). A delivery still being attempted is 409.`;

export const deliveryRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/deliveries",
    {
      preHandler: app.requireAgent,
      schema: {
        summary: "List your webhook deliveries",
        description:
          "Newest first, paginated (page from 1, limit 1-100, default 20). Each delivery lists its attempts: when, the receiver's status code (null when none came), latency and error.",
        querystring: PageQuery,
        response: { 200: DeliveryListSchema, 400: ErrorBody, 401: ErrorBody },
      },
    },
    async (request) => deliveryListView(await webhookQueue(app.ctx).listDeliveries(request.agent!.id, request.query)),
  );

  app.post(
    "/deliveries/:id/replay",
    {
      preHandler: app.requireAgent,
      schema: {
        summary: "Replay a webhook delivery",
        description: REPLAY_DESCRIPTION,
        params: DeliveryParams,
        response: {
          202: ReplayAnswer,
          401: ErrorBody,
          404: ErrorBody,
          409: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      try {
        const row = await webhookQueue(app.ctx).replayDelivery(request.params.id, request.agent!.id);
        return reply.code(202).send({ message: "Delivery queued for replay", delivery: deliveryView(row) });
      } catch (e) {
        if (e instanceof DeliveryNotFoundError) throw notFound("Webhook delivery not found");
        if (e instanceof DeliveryInProgressError) throw conflict(e.message);
        throw e;
      }
    },
  );
};
