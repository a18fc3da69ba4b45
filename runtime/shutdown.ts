/** Runs cleanup once on SIGINT/SIGTERM; a second signal forces the exit. */
export function onShutdown(fn: () => Promise<void>): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(130);
    stopping = true;
    fn()
      .catch((e) => console.error(`shutdown after ${signal} failed:`, e))
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}
