import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { APT_PACKAGES, findToolchain, ToolchainMissingError } from "../src/toolchain.js";

describe("SBF toolchain discovery", () => {
  it("finds the Debian rustc-web and LLVM 22 tools and core's source", () => {
    const tc = findToolchain();
    assert.match(tc.rustcVersion, /^release: 1\.96\./m);
    assert.match(tc.rustcVersion, /^LLVM version: 22\./m);
    assert.match(tc.coreSource, /library\/core\/src\/lib\.rs$/);
  });

  it("names every missing tool and the packages to install in one error", () => {
    const empty = mkdtempSync(join(tmpdir(), "no-toolchain-"));
    assert.throws(
      () => findToolchain({ binDir: empty, srcDir: empty }),
      (e: unknown) => {
        assert.ok(e instanceof ToolchainMissingError);
        assert.match(e.message, /rustc/);
        assert.match(e.message, /llc-22/);
        assert.match(e.message, /llvm-link-22/);
        assert.ok(e.message.includes(`apt-get install -y ${APT_PACKAGES.join(" ")}`));
        return true;
      },
    );
  });
});
