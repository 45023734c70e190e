import { strict as assert } from "node:assert";
import { accountTypesFromIdl, snakeCase, tableNameFor } from "@justpay/db";
import { IDL } from "@justpay/sdk";
import { Keypair } from "@solana/web3.js";
import BN from "bn.js";
import { AccountDecoder } from "../src/decode/account-decoder.js";
import { canonical } from "../src/idl/values.js";
import { agentFields, encodeAccount } from "./support/encode.js";
import { FUTURE_ACCOUNT, idlWithFutureAccount } from "./support/test-idl.js";

describe("indexer: mirror shape from the IDL", () => {
  it("has one table per IDL account type, with typed columns and no layout filler", () => {
    const specs = accountTypesFromIdl(IDL);
    assert.deepEqual(specs.map((s) => s.table).sort(), (IDL.accounts ?? []).map((a) => tableNameFor(a.name)).sort());
    const agent = specs.find((s) => s.name === "Agent");
    assert.ok(agent);
    const types = Object.fromEntries(agent.columns.map((c) => [c.column, c.type.sql]));
    assert.equal(types.wallet, "text");
    assert.equal(types.available, "numeric(20,0)");
    assert.equal(types.cooldown_until, "bigint");
    assert.equal(types.activated, "integer");
    assert.ok(!("reserved" in types), "reserved bytes are not mirrored");
  });

  it("maps enums, structs, options, wide integers and colliding names of a new account type", () => {
    const spec = accountTypesFromIdl(idlWithFutureAccount()).find((s) => s.name === FUTURE_ACCOUNT);
    assert.ok(spec);
    assert.equal(spec.table, "chain_future_job");
    const byColumn = Object.fromEntries(spec.columns.map((c) => [c.column, c.type]));
    assert.deepEqual(byColumn.status, { kind: "enum", sql: "text" });
    assert.deepEqual(byColumn.deadlines, { kind: "json", sql: "jsonb" });
    assert.deepEqual(byColumn.memo, { kind: "json", sql: "jsonb" });
    assert.deepEqual(
      byColumn.slot_field,
      { kind: "bigint", sql: "bigint" },
      "a field named slot must not shadow the row's slot",
    );
    assert.deepEqual(byColumn.big, { kind: "numeric", sql: "numeric(40,0)" });
    assert.deepEqual(byColumn.done, { kind: "bool", sql: "boolean" });
    assert.deepEqual(byColumn.output_hash, { kind: "bytes", sql: "bytea" });
  });

  it("decodes by discriminator into column values, and reports unknown discriminators", async () => {
    const idl = idlWithFutureAccount();
    const decoder = new AccountDecoder(idl);
    const client = Keypair.generate().publicKey;
    const data = await encodeAccount(
      FUTURE_ACCOUNT,
      {
        client,
        amount: new BN("18446744073709551615"),
        fee: new BN(15_000),
        status: { Accepted: {} },
        deadlines: { deliver_by: new BN(10), review_by: new BN(-5) },
        memo: "hello",
        slot: 4_000_000_000,
        big: new BN("-170141183460469231731687303715884105728"),
        done: true,
        output_hash: [1, 2, 254, 255],
        reserved: [0, 0, 0, 0],
      },
      idl,
    );
    const decoded = decoder.decode(data);
    assert.ok(decoded.ok);
    assert.equal(decoded.spec.name, FUTURE_ACCOUNT);
    assert.deepEqual(decoded.row, {
      client: client.toBase58(),
      amount: "18446744073709551615",
      fee: "15000",
      status: "Accepted",
      deadlines: { deliver_by: "10", review_by: "-5" },
      memo: "hello",
      slot_field: "4000000000",
      big: "-170141183460469231731687303715884105728",
      done: true,
      output_hash: "\\x0102feff",
    });

    const unknown = Buffer.concat([Buffer.alloc(8, 7), Buffer.alloc(32)]);
    assert.deepEqual(decoder.decode(unknown), {
      ok: false,
      reason: "unknown-discriminator",
      discriminator: "0707070707070707",
    });
    const truncated = (await encodeAccount("Agent", agentFields())).subarray(0, 20);
    const bad = decoder.decode(truncated);
    assert.equal(bad.ok, false);
    assert.equal(!bad.ok && bad.reason, "decode-error");
  });

  it("canonicalises values the same way whether they come from the decoder or from Postgres", () => {
    assert.equal(canonical("numeric", "18446744073709551615"), canonical("numeric", "18446744073709551615"));
    assert.equal(canonical("bigint", "-5"), canonical("bigint", -5));
    assert.equal(canonical("json", { b: "1", a: [1, 2] }), canonical("json", { a: [1, 2], b: "1" }));
    assert.notEqual(canonical("int", 1), canonical("int", 2));
    assert.equal(canonical("bytes", "\\x0aff"), canonical("bytes", Buffer.from([10, 255])));
  });

  it("snake-cases type names for tables", () => {
    assert.equal(snakeCase("CampaignQuota"), "campaign_quota");
    assert.equal(tableNameFor("Config"), "chain_config");
  });
});
