/** @justpay/api: the pieces of the API that tools outside it reuse. The server starts from `start.ts`. */
export { quotaPda } from "./campaigns/campaign-instructions.js";
export { newId } from "./db/ids.js";
export { renderReference } from "./http/reference/render-reference.js";
