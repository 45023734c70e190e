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
