/**
 * `npm run build:idl` writes the IDL, TS types and Rust discriminator constants.
 * `npm run build:idl -- --check` fails if any committed artifact is stale.
 */
import { resolve } from "node:path";
import { driftedArtifacts, writeArtifacts } from "./generate.js";
import { SourceError } from "./rust-source.js";

const root = resolve(__dirname, "../../..");
try {
  if (process.argv.includes("--check")) {
    const drifted = driftedArtifacts(root);
    if (drifted.length) {
      console.error(`IDL artifacts are stale: ${drifted.join(", ")}. Run \`npm run build:idl\` and commit.`);
      process.exit(1);
    }
    console.log("IDL artifacts are up to date");
  } else {
    for (const a of writeArtifacts(root)) console.log(`wrote ${a.path}`);
  }
} catch (e) {
  if (e instanceof SourceError) {
    console.error(`idl: ${e.message}`);
    process.exit(1);
  }
  throw e;
}
