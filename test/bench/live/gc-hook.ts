/**
 * Preloaded into the servers the live-room bench measures (`node --expose-gc -r ... -r
 * ./test/bench/live/gc-hook.ts`): on SIGUSR2, runs a full GC and prints one line
 * `BENCH_MEMORY {"rss":...,"heapUsed":...}` on stdout, so memory is read after garbage is gone.
 * With BENCH_LIVE_HEAP_SNAPSHOTS=<dir>, it also writes a heap snapshot there each time (to see
 * what a connection holds: compare the one taken before connecting with the one after).
 */
import { join } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';

process.on('SIGUSR2', () => {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  const dir = process.env.BENCH_LIVE_HEAP_SNAPSHOTS;
  if (dir) writeHeapSnapshot(join(dir, `${process.pid}-${Date.now()}.heapsnapshot`));
  process.stdout.write(`BENCH_MEMORY ${JSON.stringify(process.memoryUsage())}\n`);
});
