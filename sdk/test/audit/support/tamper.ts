/**
 * Rewrites one account of a closed LocalChain on disk, behind the program's back: the only
 * way to produce state the program itself never would, which is what an auditor must catch.
 * The chain keeps its whole svm state in `snapshot.bin` once closed, so the snapshot is
 * loaded, the account rewritten, and the snapshot put back with its metadata unchanged.
 */
import { join } from "node:path";
import type { PublicKey } from "@solana/web3.js";
import { LiteSVM } from "litesvm";
import { readSnapshot, writeSnapshot } from "../../../src/chain/local/snapshot.js";
import { type AccountImage, readImage, writeImage } from "../../../src/chain/local/svm-accounts.js";

export async function rewriteAccount(
  dataDir: string,
  address: PublicKey,
  rewrite: (image: AccountImage) => AccountImage,
): Promise<void> {
  const path = join(dataDir, "snapshot.bin");
  const snapshot = await readSnapshot(path);
  if (!snapshot) throw new Error(`no snapshot in ${dataDir}: close the chain first`);
  const svm = LiteSVM.fromBytes(snapshot.state);
  const image = readImage(svm, address.toBase58());
  if (!image) throw new Error(`no account ${address.toBase58()} to rewrite`);
  writeImage(svm, address.toBase58(), rewrite(image));
  await writeSnapshot(path, { meta: snapshot.meta, state: svm.toBytes() });
}
