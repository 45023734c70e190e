/**
 * The fields of a service as agents send them: the schemas are the wire's
 * (`@justpay/sdk/schemas`, services.ts); the API's modules take the limits and types from here.
 */
export {
  type CreateServiceFields,
  MAX_PRICE_PER_JOB,
  SERVICE_DEFAULTS,
  type UpdateServiceFields,
} from "@justpay/sdk/schemas";
