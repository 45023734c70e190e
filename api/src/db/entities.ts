/**
 * Tables the API owns. They live in the same database (and migrations) as the indexer's
 * mirror, so the ORM that generates and checks migrations must know them too.
 */
import { TxIntent } from "../tx/intent-entity.js";
import { WebhookDelivery } from "../webhooks/delivery-entity.js";

export const API_ENTITIES = [TxIntent, WebhookDelivery];
