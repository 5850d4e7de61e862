// A work budget for matching. Glob matching with `?` has no known linear algorithm in
// general (it is string matching with don't-cares), and many patterns against one long
// value add up: Shift-And is pattern/32 word operations per character. Every matcher
// charges what it scans; an evaluation that would go past the budget stops and is
// refused as too costly, instead of freezing the page for seconds or minutes.
//
// The budget is 0.15-0.3 s of matching on the 2-core development machine, and several hundred times
// what the largest policy AWS stores (10,240 characters) can cost against the longest
// request value AWS sends: AWS never evaluates a request that reaches it.

/** Units of matching work one evaluation may spend: a Shift-And word operation is one unit. */
export const EVALUATION_BUDGET = 50_000_000;

/** Thrown by `spend` when the running evaluation has used up its budget. */
export class TooCostly extends Error {
  constructor() {
    super('Matching the wildcards of these policies against this request would take too long: the patterns and values are far beyond the sizes AWS accepts.');
    this.name = 'TooCostly';
  }
}

let left = Infinity;

/** Charges `units` of work to the running evaluation; outside `withBudget` nothing is counted. */
export function spend(units: number): void {
  left -= units;
  if (left < 0) throw new TooCostly();
}

/**
 * Opens a fresh budget unless one is running (nested calls share the outer one, so an entry
 * point that evaluates many requests is bounded as a whole). Returns whether it opened one,
 * for `closeBudget`. A pair instead of a callback: `decide` is hot and allocates nothing.
 */
export function openBudget(budget = EVALUATION_BUDGET): boolean {
  if (left !== Infinity) return false;
  left = budget;
  return true;
}

/** Closes what `openBudget` opened; call it in a `finally`. */
export function closeBudget(opened: boolean): void {
  if (opened) left = Infinity;
}

/**
 * Runs `run` under a budget (see `openBudget`). `TooCostly` escapes to the caller, which
 * turns it into an answer (a refused request), never into a match or a miss.
 */
export function withBudget<T>(run: () => T, budget = EVALUATION_BUDGET): T {
  return new Meter(budget).run(run);
}

/** A budget that lasts across calls: one run of many requests (who-can rows, a workspace's tests). */
export class Meter {
  private remaining: number;

  constructor(budget = EVALUATION_BUDGET) {
    this.remaining = budget;
  }

  /** True once the budget is used up: what is left of the run is refused without matching. */
  get spent(): boolean {
    return this.remaining < 0;
  }

  /** Runs `run` on what is left of this budget; inside another budget, on that one. */
  run<T>(run: () => T): T {
    if (left !== Infinity) return run();
    left = this.remaining;
    try {
      return run();
    } finally {
      this.remaining = left;
      left = Infinity;
    }
  }
}

/**
 * Runs `run` with nothing counted, inside a budget or not: the validator's matching is
 * bounded on its own (action names are short) and must not use up, or stop on, an
 * evaluation's budget (a refusal lost to the budget would change what is accepted).
 */
export function outsideBudget<T>(run: () => T): T {
  const saved = left;
  left = Infinity;
  try {
    return run();
  } finally {
    left = saved;
  }
}

/** True while the running budget is used up: each further charge throws. */
export function budgetSpent(): boolean {
  return left < 0;
}
