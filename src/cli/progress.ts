import cliProgress from "cli-progress";

/** Progress of a long step: a bar on an interactive terminal, nothing otherwise. */
export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

const silent: Progress = { update() {}, stop() {} };

/**
 * A progress bar drawn on stderr, only when stdout and stderr are both terminals (so piped
 * or redirected output, CI logs and tests never see it) and `--no-progress` was not given.
 */
export function createProgress(label: string, enabled: boolean, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!enabled || !process.stdout.isTTY || !stream.isTTY) return silent;
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {percentage}% | {value}/{total} | ETA {eta}s`, stream, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total) {
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      bar.setTotal(total);
      bar.update(done);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

/** The progress bar of a command, unless `--no-progress` was given. */
export function progressFor(label: string, flags: { readonly progress?: boolean }): Progress {
  return createProgress(label, flags.progress !== false);
}
