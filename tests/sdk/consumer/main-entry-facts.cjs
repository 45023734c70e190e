// What the main entry of an installed @justpay/sdk derives, as JSON-ready values. Shared by
// the ESM and the CommonJS consumer scripts, which pass in the module they loaded.
const { createHash } = require("node:crypto");
const { readFileSync } = require("node:fs");

const pda = ({ address, bump }) => ({ address: address.toBase58(), bump });

module.exports = function mainEntryFacts(sdk, wallet) {
  const program = readFileSync(sdk.DEFAULT_PROGRAM_PATH);
  return {
    programId: sdk.PROGRAM_ID.toBase58(),
    config: pda(sdk.configPda(sdk.PROGRAM_ID)),
    agent: pda(sdk.agentPda(sdk.PROGRAM_ID, wallet)),
    job: pda(sdk.jobPda(sdk.PROGRAM_ID, wallet, 42n)),
    auditVault: typeof sdk.auditVault,
    verifyJob: typeof sdk.verifyJob,
    defaultProgramPath: sdk.DEFAULT_PROGRAM_PATH,
    programSha256: createHash("sha256").update(program).digest("hex"),
    // litesvm is an optional peer: importing the sdk must not load it.
    litesvmLoaded: Object.keys(require.cache).some((file) => file.includes("/litesvm")),
  };
};
