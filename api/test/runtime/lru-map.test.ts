import assert from "node:assert/strict";
import { LruMap } from "../../src/runtime/lru-map.js";

describe("runtime: LruMap", () => {
  it("forgets the least recently used entry beyond its capacity", () => {
    // Given a map of two with a and b, a read last
    const m = new LruMap<string, number>(2);
    m.set("a", 1);
    m.set("b", 2);
    assert.equal(m.get("a"), 1);
    // When a third entry comes
    m.set("c", 3);
    // Then b, the least recently used, is gone and the others stay
    assert.equal(m.get("b"), undefined);
    assert.equal(m.get("a"), 1);
    assert.equal(m.get("c"), 3);
    assert.equal(m.size, 2);
  });

  it("overwrites in place, deletes, and refuses a capacity below one", () => {
    const m = new LruMap<string, number>(2);
    m.set("a", 1);
    m.set("a", 10);
    assert.equal(m.size, 1);
    assert.equal(m.get("a"), 10);
    m.delete("a");
    assert.equal(m.get("a"), undefined);
    assert.throws(() => new LruMap(0), /at least one/);
  });
});
