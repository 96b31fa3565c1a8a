/**
 * Progress output for loader runs. It goes to stderr: a Framework data loader's stdout is its output file.
 */
export interface Logger {
  /** A line of progress. */
  info(message: string): void;
  /** Time a step; prints its name when it starts and its duration when it ends. */
  step<T>(name: string, work: () => Promise<T>): Promise<T>;
}

export function createLogger(
  prefix = "segmentera",
  write: (line: string) => void = (line) => process.stderr.write(line + "\n")
): Logger {
  return {
    info(message) {
      write(`[${prefix}] ${message}`);
    },
    async step(name, work) {
      const start = performance.now();
      write(`[${prefix}] ${name} …`);
      const result = await work();
      write(`[${prefix}] ${name} done in ${formatSeconds(performance.now() - start)}`);
      return result;
    }
  };
}

/** A logger that prints nothing, for tests. */
export const silentLogger: Logger = {
  info() {},
  step: (_name, work) => work()
};

function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}
