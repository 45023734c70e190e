/**
 * The one error handler. Every failure leaves as `{"error": "<human message>"}` with the seed's
 * status codes, and nothing internal (stack, SQL, RPC text) ever reaches the client: what is
 * not classified here is a 500 "Internal server error", logged with its stack.
 */

import { SlotWaitTimeout } from "@justpay/indexer";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { IdempotencyConflictError, TxBusyError, TxProgramError } from "../tx/errors.js";
import { HttpError } from "./http-error.js";
import { programErrorAnswer } from "./program-error-status.js";
import { describeIssue } from "./validation-messages.js";

export interface ErrorAnswer {
  status: number;
  message: string;
  headers?: Record<string, string>;
}

function validationAnswer(error: FastifyError, request: FastifyRequest): ErrorAnswer {
  const part = error.validationContext ?? "request";
  if (part === "body" && request.body == null) return { status: 400, message: "body: Required (send a JSON object)" };
  const issues = hasZodFastifySchemaValidationErrors(error)
    ? error.validation.map((v) =>
        describeIssue(part, v.instancePath.split("/").filter(Boolean), v.message ?? "Invalid"),
      )
    : [error.message];
  return { status: 400, message: issues.join("; ") };
}

/** Fastify's own 4xx errors, reworded where its text would puzzle an agent. */
function frameworkAnswer(error: FastifyError, request: FastifyRequest): ErrorAnswer {
  const status = error.statusCode ?? 400;
  switch (error.code) {
    case "FST_ERR_CTP_INVALID_JSON_BODY":
      return { status: 400, message: "Malformed JSON in request body" };
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return {
        status,
        message: `Unsupported Content-Type ${JSON.stringify(request.headers["content-type"] ?? "")}: send application/json`,
      };
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return { status, message: `Request body is too large (limit ${request.routeOptions.bodyLimit} bytes)` };
    default:
      return { status, message: error.message };
  }
}

/** The answer for a known error, or undefined for one that is a server fault. */
export function classifyError(error: unknown, request: FastifyRequest): ErrorAnswer | undefined {
  if (error instanceof HttpError) return { status: error.statusCode, message: error.message, headers: error.headers };
  if (error instanceof TxProgramError) return programErrorAnswer(error.errorName);
  if (error instanceof IdempotencyConflictError)
    return { status: 409, message: "This Idempotency-Key was already used for a different request" };
  if (error instanceof TxBusyError)
    return { status: 409, message: "A request with this Idempotency-Key is still being processed; retry shortly" };
  if (error instanceof SlotWaitTimeout)
    return {
      status: 503,
      message: "The transaction landed but the index is catching up; retry shortly",
      headers: { "retry-after": "1" },
    };
  const e = error as FastifyError;
  if (e?.validation) return validationAnswer(e, request);
  // A SyntaxError from the JSON parser carries statusCode 400 but no FST_ code.
  if (e instanceof SyntaxError && e.statusCode === 400)
    return { status: 400, message: "Malformed JSON in request body" };
  if (typeof e?.code === "string" && e.code.startsWith("FST_") && (e.statusCode ?? 500) < 500)
    return frameworkAnswer(e, request);
  return undefined;
}

export function sendError(reply: FastifyReply, answer: ErrorAnswer): FastifyReply {
  return reply
    .code(answer.status)
    .headers(answer.headers ?? {})
    .type("application/json; charset=utf-8")
    .send(JSON.stringify({ error: answer.message }));
}

export const errorHandling = fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler((error, request, reply) => {
      const answer = classifyError(error, request);
      if (answer) {
        if (answer.status >= 500) request.log.warn({ err: error }, answer.message);
        return sendError(reply, answer);
      }
      request.log.error({ err: error }, "unhandled error");
      return sendError(reply, { status: 500, message: "Internal server error" });
    });
    app.setNotFoundHandler((request, reply) =>
      sendError(reply, { status: 404, message: `Route ${request.method} ${request.url.split("?")[0]} not found` }),
    );
  },
  { name: "justpay-error-handling" },
);
