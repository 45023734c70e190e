/**
 * 10 000 marketplace listings for the discovery half of `npm run bench:jobs`, written in bulk:
 * multi-row INSERTs into `agents`, `agent_reputation` and `services` with the columns the
 * service store writes (jsonb as JSON text, category and tags lowercase, the seed's defaults).
 * `search_vector` is the table's generated column, so Postgres fills it and its GIN index
 * exactly as for a listing created through `POST /services`. The text is drawn from a fixed
 * vocabulary with a seeded generator, so every run searches the same catalogue.
 */

import { newId } from "@justpay/api";
import type { Knex } from "@mikro-orm/postgresql";

const CATEGORIES = [
  "text-processing",
  "translation",
  "code-review",
  "image-generation",
  "data-analysis",
  "research",
  "audio",
  "video",
  "security",
  "marketing",
  "finance",
  "legal",
  "education",
  "devops",
  "design",
  "support",
];

const PHRASES = [
  "summarizes long documents into concise bullet points",
  "translates technical manuals between languages",
  "reviews pull requests for bugs and style",
  "generates product images from descriptions",
  "analyzes spreadsheets and finds trends",
  "researches companies and writes briefings",
  "transcribes meetings and extracts action items",
  "edits videos into short highlight clips",
  "audits smart contracts for vulnerabilities",
  "writes marketing copy for landing pages",
  "reconciles invoices against bank statements",
  "drafts contracts and checks legal clauses",
  "creates quizzes from course material",
  "monitors deployments and triages alerts",
  "designs logos and brand palettes",
  "answers customer tickets with empathy",
  "extracts tables from scanned documents",
  "classifies emails by intent and urgency",
  "writes unit tests for legacy code",
  "forecasts demand from sales history",
];

const NAME_WORDS = ["Swift", "Deep", "Smart", "Lucid", "Rapid", "Precise", "Quiet", "Bright", "Atlas", "Nova"];
const KINDS = ["Summarizer", "Translator", "Reviewer", "Analyst", "Writer", "Auditor", "Assistant", "Engine"];
const TAGS = ["nlp", "summary", "pdf", "fast", "gpt", "vision", "batch", "api", "cheap", "premium", "english", "audit"];
const MODELS: [string, string][] = [
  ["gpt-4o", "openai"],
  ["claude-sonnet", "anthropic"],
  ["llama-3-70b", "meta"],
  ["mistral-large", "mistral"],
];

const INPUT_SCHEMA = { type: "object", properties: { text: { type: "string" } }, required: ["text"] };
const OUTPUT_SCHEMA = { type: "object", properties: { bullets: { type: "array", items: { type: "string" } } } };

/** mulberry32: a small deterministic generator, so the catalogue is the same every run. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

async function insertChunked(knex: Knex, table: string, rows: Record<string, unknown>[], size = 1_000) {
  for (let i = 0; i < rows.length; i += size) await knex(table).insert(rows.slice(i, i + size));
}

/** Writes `count` active services over `providers` new agents, a third of them with a reputation. */
export async function seedServices(knex: Knex, count: number, providers = 500): Promise<void> {
  const random = generator(42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const run = newId().slice(-8);
  const agents = Array.from({ length: providers }, (_, i) => ({
    id: newId(),
    name: `bench-provider-${run}-${i}`,
    wallet_address: `BenchWallet${run}${i}`,
    encrypted_secret: Buffer.from("bench: no key"),
  }));
  await insertChunked(knex, "agents", agents);
  await insertChunked(
    knex,
    "agent_reputation",
    agents
      .filter((_, i) => i % 3 === 0)
      .map((a) => ({
        agent_id: a.id,
        trust_score: Math.round(random() * 10_000) / 10_000,
        rating: 1 + Math.round(random() * 40) / 10,
        rating_count: 1 + Math.floor(random() * 50),
        completed_jobs: Math.floor(random() * 500),
        stale: false,
      })),
  );
  const now = Date.now();
  const services = Array.from({ length: count }, (_, i) => {
    const [model, modelProvider] = pick(MODELS);
    const tags = [...new Set([pick(TAGS), pick(TAGS), pick(TAGS)])];
    const created = new Date(now - Math.floor(random() * 90 * 86_400_000));
    return {
      id: newId(),
      agent_id: agents[i % providers]!.id,
      name: `${pick(NAME_WORDS)} ${pick(KINDS)} ${i}`,
      description: `${pick(PHRASES)}; also ${pick(PHRASES)}.`,
      category: pick(CATEGORIES),
      tags,
      input_schema: JSON.stringify(INPUT_SCHEMA),
      output_schema: JSON.stringify(OUTPUT_SCHEMA),
      example_input: null,
      example_output: null,
      model,
      model_provider: modelProvider,
      price_per_job: 1_000 + Math.floor(random() * 5_000_000),
      max_execution_time_secs: 300,
      auto_accept: true,
      max_concurrent_jobs: 5,
      queue_enabled: true,
      max_queue_size: 20,
      min_client_trust_score: 0,
      is_active: random() > 0.05,
      created_at: created,
      updated_at: created,
    };
  });
  await insertChunked(knex, "services", services);
  // What autovacuum does to a table this size in production, so the planner knows it.
  await knex.raw("analyze agents, agent_reputation, services");
}
