/**
 * Where LocalChain finds the escrow program when no `programPath` is given. The published
 * package has no `target/`, so its build copies the binary next to the bundle
 * (`dist/program/`, where `__dirname` is); run from the sources, that copy does not exist and
 * the repository's committed `target/deploy/` binary is used, as before.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";

const PROGRAM_FILE = "justpay_escrow.so";

export const PACKAGED_PROGRAM_PATH = join(__dirname, "program", PROGRAM_FILE);
export const REPOSITORY_PROGRAM_PATH = resolve(__dirname, "../../../../target/deploy", PROGRAM_FILE);

export const DEFAULT_PROGRAM_PATH = existsSync(PACKAGED_PROGRAM_PATH) ? PACKAGED_PROGRAM_PATH : REPOSITORY_PROGRAM_PATH;
