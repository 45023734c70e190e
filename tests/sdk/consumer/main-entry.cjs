// CommonJS consumer: `node main-entry.cjs <wallet>` prints what `require("@justpay/sdk")` gives.
const sdk = require("@justpay/sdk");
const { PublicKey } = require("@solana/web3.js");
const mainEntryFacts = require("./main-entry-facts.cjs");

const facts = mainEntryFacts(sdk, new PublicKey(process.argv[2]));
console.log(JSON.stringify({ ...facts, resolved: require.resolve("@justpay/sdk") }));
