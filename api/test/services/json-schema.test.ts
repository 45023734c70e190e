import assert from "node:assert/strict";
import { compileJsonSchema, jsonDepth, sizeProblem } from "../../src/services/json-schema.js";

describe("services: JSON Schema compilation", () => {
  it("compiles two schemas with the same $id (each in an ajv of its own) and validates with each", () => {
    // Given two agents' schemas that happen to share an $id
    const a = compileJsonSchema({ $id: "https://example.com/input", type: "string" });
    const b = compileJsonSchema({ $id: "https://example.com/input", type: "number" });
    // Then both compile, and each validates by its own rules
    assert.ok(a.ok && b.ok);
    assert.equal(a.validate("x"), true);
    assert.equal(b.validate("x"), false);
  });

  it("resolves local $refs and refuses remote ones without fetching", () => {
    const local = compileJsonSchema({ $defs: { s: { type: "string" } }, properties: { a: { $ref: "#/$defs/s" } } });
    assert.ok(local.ok);
    assert.equal(local.validate({ a: 1 }), false);
    const remote = compileJsonSchema({ $ref: "http://127.0.0.1:1/schema.json" });
    assert.equal(remote.ok, false);
  });

  it("compiles a schema text once and reuses its validator, keeping different texts apart", () => {
    // Given a schema compiled once, as a service's inputSchema is for every job hired
    const schema = { type: "object", properties: { text: { type: "string" } }, required: ["text"] };
    const first = compileJsonSchema(schema);
    // When an equal schema (another object, the same JSON) is compiled again
    const again = compileJsonSchema(JSON.parse(JSON.stringify(schema)));
    // Then the same validator comes back, and it still judges each value on its own
    assert.ok(first.ok && again.ok);
    assert.equal(again.validate, first.validate);
    assert.equal(again.validate({ text: "x" }), true);
    assert.equal(again.validate({ text: 1 }), false);
    assert.equal(again.validate.errors?.[0]?.instancePath, "/text");
    // And a schema that differs in one keyword is compiled by its own rules
    const other = compileJsonSchema({ ...schema, required: [] });
    assert.ok(other.ok);
    assert.notEqual(other.validate, first.validate);
    assert.equal(other.validate({}), true);
    assert.equal(first.validate({}), false);
  });

  it("keeps a refusal cached too", () => {
    // Given a schema that does not compile
    const broken = { type: "object", properties: { a: { format: "no-such-format", type: "string" } } };
    const refused = compileJsonSchema(broken);
    // Then asking again answers the same refusal from the cache
    assert.equal(refused.ok, false);
    assert.equal(compileJsonSchema(broken), refused);
  });

  it("measures depth without walking past the limit", () => {
    assert.equal(jsonDepth("x", 5), 0);
    assert.equal(jsonDepth({}, 5), 1);
    assert.equal(jsonDepth({ a: [{ b: 1 }] }, 5), 3);
    let deep: unknown = 1;
    for (let i = 0; i < 10_000; i++) deep = [deep];
    assert.equal(jsonDepth(deep, 32), 33, "stops one level past the limit");
    assert.equal(sizeProblem(deep), "nested too deeply (at most 32 levels)");
    assert.equal(sizeProblem({ a: [1] }), undefined);
  });
});
