/** `npm run deploy:program -- [options]`: see sdk/src/deploy/cli.ts, or run it with --help. */
import { runDeployCli } from "@justpay/sdk";

runDeployCli(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
