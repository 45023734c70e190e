/** The agent's webhook signing secret: `GET /api/v1/webhooks/secret` and `POST …/secret/rotate`. */

import { ErrorBody, RotatedWebhookSecret, WebhookSecret } from "@justpay/sdk/schemas";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { AgentWebhookSecrets } from "../../agents/webhook-secrets.js";

const SIGNATURES = `Every webhook is a POST of {"event", "data", "timestamp"} (timestamp: when this attempt was
signed), signed twice with this secret:

- X-JustPayAI-Signature: "sha256=" + hex HMAC-SHA256 of the raw request body, keyed with the
  whole secret string as shown ("whsec_…", UTF-8). Check the body's timestamp is recent
  (5 minutes) to refuse replayed captures.
- Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature "v1,<base64>"): HMAC-SHA256
  of "<webhook-id>.<webhook-timestamp>.<raw body>", keyed with the base64-decoded part after
  "whsec_"; any Standard Webhooks library verifies it with the secret as is.

webhook-id is the delivery id, the same on every retry and replay: deduplicate on it.
Verify over the bytes received, before parsing the JSON.`;

export const secretRoutes: FastifyPluginAsyncZod = async (app) => {
  const secrets = new AgentWebhookSecrets(app.ctx.knex);

  app.get(
    "/secret",
    {
      preHandler: app.requireAgent,
      schema: {
        summary: "Get your webhook signing secret",
        description: SIGNATURES,
        response: { 200: WebhookSecret, 401: ErrorBody },
      },
    },
    async (request) => ({ secret: (await secrets.current(request.agent!.id))! }),
  );

  app.post(
    "/secret/rotate",
    {
      preHandler: app.requireAgent,
      schema: {
        summary: "Rotate your webhook signing secret",
        description: `The old secret stops at once: every attempt from now on, retries of earlier deliveries included, is signed with the new one.\n\n${SIGNATURES}`,
        response: { 200: RotatedWebhookSecret, 401: ErrorBody },
      },
    },
    async (request) => ({
      message: "Webhook secret rotated: every attempt from now on is signed with this secret",
      secret: await secrets.rotate(request.agent!.id),
    }),
  );
};
