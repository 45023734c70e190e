/** Every table the API owns, one EntitySchema per file, and the registry the ORM loads. */

export * from "./agent-entity.js";
export * from "./agent-reputation-entity.js";
export * from "./api-key-entity.js";
export * from "./campaign-entity.js";
export * from "./campaign-event-totals-entity.js";
export * from "./deposit-entities.js";
export * from "./dispute-entity.js";
export * from "./event-cursor-entity.js";
export * from "./idempotency-entity.js";
export * from "./job-application-entity.js";
export * from "./job-entity.js";
export * from "./job-rating-entity.js";
export * from "./proposal-entities.js";
export { API_ENTITIES } from "./registry.js";
export * from "./report-entity.js";
export * from "./service-entity.js";
export * from "./skipped-event-entity.js";
export * from "./tx-intent-entity.js";
export * from "./webhook-delivery-entity.js";
export * from "./withdrawal-request-entity.js";
