// ESM consumer: `node main-entry.mjs <wallet>` prints what `import "@justpay/sdk"` gives.
import { createRequire } from "node:module";
import * as sdk from "@justpay/sdk";
import { PublicKey } from "@solana/web3.js";

const mainEntryFacts = createRequire(import.meta.url)("./main-entry-facts.cjs");
const facts = mainEntryFacts(sdk, new PublicKey(process.argv[2]));
console.log(JSON.stringify({ ...facts, resolved: import.meta.resolve("@justpay/sdk") }));
