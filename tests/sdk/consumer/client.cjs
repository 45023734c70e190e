// CommonJS consumer: `node client.cjs <baseUrl>` prints what `require("@justpay/sdk/client")` gives.
const client = require("@justpay/sdk/client");
const clientFacts = require("./client-facts.cjs");

clientFacts(client, process.argv[2]).then((facts) =>
  console.log(JSON.stringify({ ...facts, resolved: require.resolve("@justpay/sdk/client") })),
);
