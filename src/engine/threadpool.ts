// libuv sizes its thread pool once, on first use. Every disk keeps up to queue depth + 2 jobs on
// the pool (I/O requests and subtree hashes, one per buffer) plus an fdatasync, so the default of 4
// would serialise disks. This must run
// before anything touches the pool (fs async calls, crypto, dns); see docs/engine.md.
export const THREADS_PER_DISK = 5;

export function ensureThreadPool(disks: number, env: NodeJS.ProcessEnv = process.env): number {
  const wanted = Math.min(1024, Math.max(16, disks * THREADS_PER_DISK + 4));
  const current = Number(env.UV_THREADPOOL_SIZE ?? 0);
  if (current < wanted) env.UV_THREADPOOL_SIZE = String(wanted);
  return Number(env.UV_THREADPOOL_SIZE);
}
