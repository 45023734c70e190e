// ESM consumer: `node client.mjs <baseUrl>` prints what `import "@justpay/sdk/client"` gives.
import { createRequire } from "node:module";
import * as client from "@justpay/sdk/client";

const clientFacts = createRequire(import.meta.url)("./client-facts.cjs");
const facts = await clientFacts(client, process.argv[2]);
console.log(JSON.stringify({ ...facts, resolved: import.meta.resolve("@justpay/sdk/client") }));
