// The clock every benchmark process shares (see bench/lib/load-worker.ts), in ms: Linux's
// CLOCK_MONOTONIC (process.hrtime), which counts from the machine's boot and is the same in every
// process of the machine, with ns resolution. (performance.timeOrigin + performance.now() is
// not: each process takes its origin from the wall clock at start, off by up to several ms.)
export const now = () => Number(process.hrtime.bigint()) / 1e6;
