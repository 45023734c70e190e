/**
 * What POST /jobs refuses before any money moves, and what deliver refuses: schema failures
 * (400 naming the path), the trust gate (403), capacity (409); and the Idempotency-Key replay.
 */
import assert from "node:assert/strict";
import { listService } from "../services/support.js";
import type { TestAgent } from "../support/agents.js";
import { startTestApi, type TestApi } from "../support/test-api.js";
import { assertVaultInvariant } from "../support/wallet.js";
import { fundedAgent, getJob, hire, hired, money, step } from "./support.js";

describe("jobs: admission and validation", () => {
  let api: TestApi;
  let client: TestAgent;
  let provider: TestAgent;

  before(async () => {
    api = await startTestApi({ label: "jobs_admission" });
    client = await fundedAgent(api, "adm-client");
    provider = await fundedAgent(api, "adm-provider");
  });
  after(() => api?.close());

  it("an input that does not match inputSchema is a 400 naming the path, and locks nothing", async () => {
    // Given a service whose input needs a string `text`
    const service = await listService(api, provider);
    const before = await money(api, client);

    // When hired with a number there
    const res = await hire(api, client, service.id, { text: 42 });

    // Then 400 names /text, and no money moved
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error, "input: does not match the service's inputSchema: /text must be string");
    assert.deepEqual(await money(api, client), before);
  });

  it("an output that does not match outputSchema is a 400 and the job stays accepted", async () => {
    // Given an accepted job
    const service = await listService(api, provider);
    const job = await hired(api, client, service.id);

    // When the provider delivers bullets that are not strings
    const res = await step(api, provider, job.id, "deliver", { output: { bullets: [1] } });

    // Then 400 names the path and the job can still be delivered properly
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error, "output: does not match the service's outputSchema: /bullets/0 must be string");
    const ok = await step(api, provider, job.id, "deliver", { output: { bullets: ["fine"] } });
    assert.equal(ok.statusCode, 200, ok.body);
    await step(api, client, job.id, "accept-delivery");
    await assertVaultInvariant(api);
  });

  it("a client below minClientTrustScore is refused with a 403 saying why", async () => {
    // Given a service demanding trust 0.9 (a new agent scores 0.40)
    const service = await listService(api, provider, { minClientTrustScore: 0.9 });

    // When hired
    const res = await hire(api, client, service.id);

    // Then 403 with the scores
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().error, "Your trust score 0.40 is below this service's minimum client trust score of 0.9");
  });

  it("a service at maxConcurrentJobs refuses further jobs with 409 until one is delivered", async () => {
    // Given a service with one slot, taken
    const service = await listService(api, provider, { maxConcurrentJobs: 1, queueEnabled: false });
    const first = await hired(api, client, service.id);

    // When hired again
    const full = await hire(api, client, service.id);

    // Then 409, and once the first is delivered a slot is free again
    assert.equal(full.statusCode, 409);
    assert.match(full.json().error, /at capacity/);
    await step(api, provider, first.id, "deliver", { output: { bullets: [] } });
    const second = await hire(api, client, service.id);
    assert.equal(second.statusCode, 201, second.body);
    await step(api, client, second.json().id, "cancel");
    await step(api, client, first.id, "accept-delivery");
    await assertVaultInvariant(api);
  });

  it("with queueEnabled further jobs queue with their funds locked, are promoted in order, and a full queue is 409", async () => {
    // Given a service with one slot and a queue of two
    const service = await listService(api, provider, { maxConcurrentJobs: 1, maxQueueSize: 2 });
    const before = await money(api, client);
    const first = await hired(api, client, service.id);

    // When three more are hired
    const second = await hired(api, client, service.id);
    const third = await hired(api, client, service.id);
    const fourth = await hire(api, client, service.id);

    // Then two queue, with their funds locked at once, and the fourth is refused
    assert.deepEqual([first.status, second.status, third.status], ["accepted", "queued", "queued"]);
    assert.equal(fourth.statusCode, 409);
    assert.match(fourth.json().error, /queue is full/);
    assert.equal((await money(api, client)).escrowed, before.escrowed + 3 * 515_000);
    const early = await step(api, provider, second.id, "deliver", { output: { bullets: [] } });
    assert.equal(early.statusCode, 409, "a queued job is not delivered before its turn");

    // When the first is delivered, the oldest queued job is promoted (autoAccept: accepted)
    await step(api, provider, first.id, "deliver", { output: { bullets: [] } });
    assert.equal((await getJob(api, client, second.id)).json().status, "accepted");
    assert.equal((await getJob(api, client, third.id)).json().status, "queued");

    // When the promoted one is cancelled, the next takes its slot
    await step(api, client, second.id, "cancel");
    assert.equal((await getJob(api, client, third.id)).json().status, "accepted");

    // And a queued job's money all settles
    await step(api, client, third.id, "cancel");
    await step(api, client, first.id, "accept-delivery");
    assert.equal((await money(api, client)).available, before.available - 515_000);
    await assertVaultInvariant(api);
  });

  it("concurrent hires of a one-slot service without a queue admit exactly one", async () => {
    // Given a service with one slot and no queue
    const service = await listService(api, provider, { maxConcurrentJobs: 1, queueEnabled: false });

    // When three hires race
    const answers = await Promise.all([1, 2, 3].map(() => hire(api, client, service.id)));

    // Then one is created and two are 409
    assert.deepEqual(answers.map((r) => r.statusCode).sort(), [201, 409, 409]);
    await step(api, client, answers.find((r) => r.statusCode === 201)!.json().id, "cancel");
    await assertVaultInvariant(api);
  });

  it("concurrent hires of a two-slot service with a queue of three fill exactly the slots and the queue", async () => {
    // Given two slots and three queue places
    const service = await listService(api, provider, { maxConcurrentJobs: 2, maxQueueSize: 3 });
    const before = await money(api, client);

    // When eight hires race
    const answers = await Promise.all(Array.from({ length: 8 }, () => hire(api, client, service.id)));

    // Then two are accepted, three queued, three refused, and exactly five jobs' money is locked
    const created = answers.filter((r) => r.statusCode === 201).map((r) => r.json());
    assert.deepEqual(answers.map((r) => r.statusCode).sort(), [201, 201, 201, 201, 201, 409, 409, 409]);
    assert.deepEqual(created.map((j) => j.status).sort(), ["accepted", "accepted", "queued", "queued", "queued"]);
    assert.equal((await money(api, client)).escrowed, before.escrowed + 5 * 515_000);
    for (const job of created) await step(api, client, job.id, "cancel");
    assert.deepEqual(await money(api, client), before);
    await assertVaultInvariant(api);
  });

  it("a queued job of a service without autoAccept is promoted to pending for the provider", async () => {
    // Given a one-slot manual service with one job accepted and one queued
    const service = await listService(api, provider, { maxConcurrentJobs: 1, autoAccept: false });
    const first = await hired(api, client, service.id);
    const second = await hired(api, client, service.id);
    assert.deepEqual([first.status, second.status], ["pending", "queued"]);
    assert.equal((await step(api, provider, second.id, "accept")).statusCode, 409);

    // When the first is cancelled
    await step(api, client, first.id, "cancel");

    // Then the second awaits the provider, who accepts it
    assert.equal((await getJob(api, client, second.id)).json().status, "pending");
    assert.equal((await step(api, provider, second.id, "accept")).statusCode, 200);
    await step(api, client, second.id, "cancel");
    await assertVaultInvariant(api);
  });

  it("a hire the client cannot pay is the program's 400 and holds no slot", async () => {
    // Given a client with 1 USDC left after activation and a 2 USDC one-slot service
    const poor = await fundedAgent(api, "adm-poor", 2_000_000);
    const service = await listService(api, provider, { pricePerJob: 2_000_000, maxConcurrentJobs: 1 });

    // When the poor client hires it
    const res = await hire(api, poor, service.id);

    // Then the program refuses, nothing is locked, and the slot is still free
    assert.equal(res.statusCode, 400, res.body);
    assert.equal((await money(api, poor)).escrowed, 0);
    const other = await hired(api, client, service.id);
    assert.equal(other.status, "accepted");
    await step(api, client, other.id, "cancel");
    await assertVaultInvariant(api);
  });

  it("an unknown service is a 404, your own service a 400, an open job a 400", async () => {
    const own = await listService(api, client);
    assert.equal((await hire(api, client, "nope")).statusCode, 404);
    assert.equal((await hire(api, client, own.id)).statusCode, 400);
    const open = await api.request({
      method: "POST",
      url: "/api/v1/jobs",
      payload: { type: "open", input: {} },
      bearer: client.apiKey,
    });
    assert.equal(open.statusCode, 400);
  });

  it("the same Idempotency-Key hires once, also after its stored response was pruned", async () => {
    // Given a service and the client's balance
    const service = await listService(api, provider);
    const before = await money(api, client);
    const send = () =>
      api.request({
        method: "POST",
        url: "/api/v1/jobs",
        payload: { type: "direct", serviceId: service.id, input: { text: "x" } },
        bearer: client.apiKey,
        headers: { "idempotency-key": `hire-${service.id}` },
      });

    // When the request is sent twice
    const a = await send();
    const b = await send();

    // Then one job, locked once
    assert.equal(a.statusCode, 201, a.body);
    assert.equal(b.json().id, a.json().id);
    assert.equal((await money(api, client)).escrowed, before.escrowed + 515_000);

    // When the stored response is gone (pruned after a day) and the request comes once more
    await api.ctx
      .knex("idempotency_keys")
      .where({ key: `hire-${service.id}` })
      .delete();
    const c = await send();

    // Then admission finds the job its key wrote: the same job, nothing more locked or written
    assert.equal(c.statusCode, 201, c.body);
    assert.equal(c.json().id, a.json().id);
    assert.equal((await money(api, client)).escrowed, before.escrowed + 515_000);
    const { rows } = await api.ctx.knex.raw(`select count(*)::int as n from jobs where idempotency_key = ?`, [
      `hire-${service.id}`,
    ]);
    assert.equal(rows[0].n, 1);
    await step(api, client, a.json().id, "cancel");
    await assertVaultInvariant(api);
  });
});
