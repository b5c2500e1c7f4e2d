// One clock for every process of the benchmark: high-resolution epoch milliseconds.
// performance.timeOrigin is the process's start on the wall clock, so two processes on the
// same machine agree to well under a millisecond.
export const now = () => performance.timeOrigin + performance.now();

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
