// What time it is, for code whose behaviour depends on it (scheduled publishing): injected, so tests set the time
// instead of waiting for it.
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
