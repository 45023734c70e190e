/**
 * A spinner on stderr while something slow runs (a deposit being credited, the vault being
 * read). Only on an interactive terminal and never with --json: in a pipe or a log the
 * frames would be noise, so there the work just runs.
 */
import type { Writable } from "node:stream";
import type { Output } from "./output.js";

export interface Progress {
  /** Replaces the spinner's text, e.g. with the attempt count. */
  update(text: string): void;
}

export async function withSpinner<T>(
  out: Output,
  stderr: Writable & { isTTY?: boolean },
  text: string,
  work: (progress: Progress) => Promise<T>,
): Promise<T> {
  if (out.json || !stderr.isTTY) return work({ update: () => {} });
  // yocto-spinner is an ES module; a dynamic import loads it from this CommonJS-compiled file.
  const { default: yoctoSpinner } = await import("yocto-spinner");
  const spinner = yoctoSpinner({ text, stream: stderr }).start();
  try {
    const result = await work({ update: (t) => (spinner.text = t) });
    spinner.success(text);
    return result;
  } catch (e) {
    spinner.error(text);
    throw e;
  }
}
