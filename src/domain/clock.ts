/** The only source of time the domain and the application see; tests and the demo inject their own. */
export interface Clock {
  /** Current instant in epoch milliseconds. */
  now(): number;
}

/** A clock reading the machine's time. */
export const systemClock: Clock = { now: () => Date.now() };

/** A clock that stays where it is set: for tests, the demo generator and simulations. */
export class ManualClock implements Clock {
  constructor(private current: number) {}
  now(): number {
    return this.current;
  }
  /** Moves the clock to an instant; it never moves backwards. */
  set(ms: number): void {
    if (ms < this.current) throw new RangeError(`clock cannot move backwards (${new Date(ms).toISOString()} < ${new Date(this.current).toISOString()})`);
    this.current = ms;
  }
  /** Advances the clock by a number of milliseconds. */
  advance(ms: number): void {
    this.set(this.current + ms);
  }
}
