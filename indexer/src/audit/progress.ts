/** A progress bar on stderr for long comparisons; silent when stderr is not a terminal or --quiet. */
import cliProgress from "cli-progress";

export interface Progress {
  start(total: number, label: string): void;
  increment(by?: number): void;
  stop(): void;
}

const SILENT: Progress = { start: () => {}, increment: () => {}, stop: () => {} };

export function progressBar(options: { quiet?: boolean; stream?: NodeJS.WriteStream } = {}): Progress {
  const stream = options.stream ?? process.stderr;
  if (options.quiet || !stream.isTTY) return SILENT;
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: "{label} [{bar}] {value}/{total} accounts ({percentage}%) eta {eta_formatted}",
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  return {
    start: (total, label) => bar.start(total, 0, { label }),
    increment: (by = 1) => bar.increment(by),
    stop: () => bar.stop(),
  };
}
