// `node local-chain.mjs <dataDir>`: opens a LocalChain from the installed package, sets up the
// platform, sends one micro-USDC straight to the vault and audits the vault through a
// Connection-shaped view of the chain. Prints { opened: false, error } when it cannot open.
import { auditVault, bootstrapPlatform, DEFAULT_PROGRAM_PATH, LocalChain } from "@justpay/sdk";
import { Keypair } from "@solana/web3.js";

let chain;
try {
  chain = await LocalChain.open({ dataDir: process.argv[2], clock: "manual", durable: false });
} catch (e) {
  console.log(JSON.stringify({ opened: false, error: e.message }));
  process.exit(0);
}
try {
  const platform = await bootstrapPlatform(chain, chain.feePayer, chain.usdcMint, {
    admin: Keypair.generate(),
    operator: Keypair.generate().publicKey,
    arbiter: Keypair.generate().publicKey,
    treasuryOwner: Keypair.generate().publicKey,
    upgradeAuthority: chain.upgradeAuthority,
  });
  const minted = await chain.mintUsdc(platform.config, 1n);
  const info = (a) => a && { data: a.data, owner: a.owner, lamports: Number(a.lamports), executable: a.executable };
  const connection = {
    async getProgramAccounts(programId) {
      const { slot, accounts } = await chain.getProgramAccounts(programId);
      return { context: { slot }, value: accounts.map((a) => ({ pubkey: a.address, account: info(a) })) };
    },
    getAccountInfo: async (address) => info(await chain.getAccount(address)),
  };
  const report = await auditVault(connection, chain.programId);
  console.log(
    JSON.stringify({
      opened: true,
      defaultProgramPath: DEFAULT_PROGRAM_PATH,
      config: platform.config.toBase58(),
      vault: platform.vault.toBase58(),
      mintedInto: minted.tokenAccount.toBase58(),
      audit: {
        ok: report.ok,
        config: report.config,
        vault: report.vault && { ...report.vault, amount: String(report.vault.amount) },
        surplus: String(report.surplus),
        problems: report.problems,
      },
    }),
  );
} finally {
  await chain.close();
}
