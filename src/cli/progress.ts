/**
 * Progress of long work (building the demo, verifying, rebuilding), always on stderr so that
 * stdout keeps only results. On a terminal it is a cli-progress bar; elsewhere (a pipe, a log,
 * a test) a few plain lines: when a phase starts and at each quarter of it.
 */
import { SingleBar } from 'cli-progress';

/** A progress display; `stop` must be called once the work ends, whether it succeeded or not. */
export interface ProgressDisplay {
  /** Reports `done` out of `total`, optionally in a named phase. */
  update(done: number, total: number, phase?: string): void;
  /** Ends the display (removes the bar's cursor handling, prints nothing more). */
  stop(): void;
}

/** A terminal bar when `stream` is a TTY, plain lines otherwise. */
export function createProgress(label: string, stream: NodeJS.WriteStream): ProgressDisplay {
  return stream.isTTY ? barProgress(label, stream) : lineProgress(label, (line) => void stream.write(`${line}\n`));
}

function barProgress(label: string, stream: NodeJS.WriteStream): ProgressDisplay {
  const bar = new SingleBar({
    stream,
    format: `${label} [{bar}] {percentage}% | {value}/{total} {phase}`,
    barCompleteChar: '█',
    barIncompleteChar: '░',
    hideCursor: true,
    clearOnComplete: false,
    etaBuffer: 50,
  });
  let started = false;
  let stopped = false;
  return {
    update(done, total, phase = '') {
      if (stopped) return;
      if (!started) {
        bar.start(Math.max(total, 1), done, { phase });
        started = true;
        return;
      }
      if (bar.getTotal() !== Math.max(total, 1)) bar.setTotal(Math.max(total, 1));
      bar.update(done, { phase });
    },
    stop() {
      if (stopped) return;
      stopped = true;
      if (started) bar.stop();
    },
  };
}

/** Plain progress lines: one when a phase starts, then one each time a further quarter of it is done (with the exact percentage). */
export function lineProgress(label: string, write: (line: string) => void): ProgressDisplay {
  let phase: string | undefined;
  let quarter = -1;
  return {
    update(done, total, next = '') {
      if (next !== phase) {
        phase = next;
        quarter = -1;
      }
      const q = total > 0 ? Math.min(4, Math.floor((done / total) * 4)) : 4;
      if (q <= quarter) return;
      quarter = q;
      const what = phase === '' ? label : `${label} (${phase})`;
      const percent = total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 100;
      write(`${what}: ${percent}% (${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')})`);
    },
    stop() {
      phase = undefined;
    },
  };
}
