/** The two clocks the bench reads. */

/**
 * Milliseconds on the machine's monotonic clock (CLOCK_MONOTONIC), the same in every process:
 * the upstream's send stamps are compared with arrival times taken in the client's process.
 */
export const monotonicMs = () => Number(process.hrtime.bigint()) / 1e6;

/** Wall-clock milliseconds with sub-millisecond precision: what a browser's `performance.timeOrigin + performance.now()` compares with. */
export const wallMs = () => performance.timeOrigin + performance.now();
