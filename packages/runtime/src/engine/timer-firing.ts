import { addDays, type LocalDate } from '@dangwu/rules';
import * as z from 'zod';
import { StoreFailureError } from '../errors/runtime-errors.js';
import { bilingual, checkOptions, functionOption, positiveOption } from '../options/check-options.js';
import { canonicalCopy, copyJson } from '../records/canonical-json.js';
import type { TimerRecord } from '../records/timer-record.js';
import type { Store } from '../store/store.js';
import type { CommitBuilder, CommitStep } from './build-commit.js';
import type { Clock } from './clock.js';
import { dueInstantSchema, parseRequest } from './engine-requests.js';
import type { TimerLoop, TimerRunReport } from './engine-types.js';
import { conflictOf, type InstanceAccess } from './instance-access.js';
import type { LiveInstance } from './instance-cache.js';
import type { KeyedLock } from './keyed-lock.js';
import { checkProcessStatus, inProcess, nextSnapshot } from './machine-step.js';
import { SYSTEM_ROLE } from './system-role.js';
import { clampDelay } from './timer-delay.js';
import type { TimerWakeups } from './timer-wakeups.js';

/** What `startTimerLoop` accepts: a zero or negative interval would spin the loop without pause. */
const timerLoopOptionsSchema = z.strictObject(
  { intervalMs: positiveOption().optional(), onError: functionOption().optional() },
  bilingual('选项须为对象', 'options must be an object'),
);

/** How many failed timers one run of the loop hands to `onError` (the rest are counted in the run's report). */
const REPORTED_FAILURES = 10;

/**
 * How long the loop waits before running again when a row due by its run was not there to fire and did
 * not fail: a database whose clock is a little behind the host's has not seen it fall due yet.
 */
const CLOCK_SKEW_RETRY_MS = 50;

/**
 * How soon the loop runs again after a run that failed as a whole (the store unreachable), whatever its
 * interval: with `intervalMs: Infinity` it would otherwise wait for the next due row it could not read.
 */
const FAILED_RUN_RETRY_MS = 60_000;

/** A due timer that could not be fired, with why. */
interface TimerFailure {
  readonly error: unknown;
  readonly timer: TimerRecord;
}

/** A timer row as a run and the loop remember a failed one: a row of the same deadline due at another instant is another row. */
const rowKey = (timer: Pick<TimerRecord, 'instanceId' | 'deadlineId' | 'dueAt'>): string =>
  `${timer.instanceId}\u0000${timer.deadlineId}\u0000${timer.dueAt}`;

/** What happened to one due timer row: fired, recorded as ignored (the state no longer takes it), or skipped (stale row). */
type TimerOutcome = 'fired' | 'ignored' | 'skipped';

/** What the timer firing needs of its engine. */
export interface TimerFiringDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly lock: KeyedLock;
  readonly access: InstanceAccess;
  /** Due timer rows read per round. */
  readonly timerBatchSize: number;
  /** The record, sealed audit entries and timers after `steps`, stamped now. */
  readonly commitOf: CommitBuilder;
  /** Where the loops listen for the timer rows the engine's commits write. */
  readonly wakeups: TimerWakeups;
}

/**
 * The engine's durable timers: `runDueTimers` fires every due timer row exactly once (an instance's
 * due rows in one commit, instances in parallel so the store can group-commit), and `startTimerLoop`
 * runs it whenever the next row falls due.
 */
export function createTimerFiring(deps: TimerFiringDeps): {
  runDueTimers(now?: number | Date): Promise<TimerRunReport>;
  startTimerLoop(options?: { intervalMs?: number; onError?: (error: unknown) => void }): TimerLoop;
} {
  const { store, clock, access } = deps;

  /**
   * Fires an instance's due timer rows (in due order) in one commit, one audit entry each; a row whose
   * deadline was fired or rescheduled meanwhile is skipped.
   */
  async function fireTimers(instanceId: string, timers: readonly TimerRecord[]): Promise<TimerOutcome[]> {
    return deps.lock.run(instanceId, () =>
      access.withRetries(instanceId, undefined, async () => {
        // A row whose instance is missing (a file edited by hand: no API deletes instances) fails with
        // InstanceNotFoundError, reported like any timer that cannot be fired.
        return access.withLive(instanceId, undefined, (live, confirm) => fireOn(live, timers, confirm));
      }),
    );
  }

  /** Fires `timers` on `live` one after another; `confirm` runs before anything decided on a possibly stale state. */
  async function fireOn(
    live: LiveInstance,
    timers: readonly TimerRecord[],
    confirm: () => Promise<void>,
  ): Promise<TimerOutcome[]> {
    const { head, definition } = live;
    let snapshot = live.snapshot;
    let listed: readonly { readonly id: string; readonly due: string }[] = head.deadlines;
    const fired: { id: string; due: string }[] = [...head.firedDeadlines];
    const steps: CommitStep[] = [];
    const outcomes: TimerOutcome[] = [];
    const actor = { id: SYSTEM_ROLE, orgId: head.orgId, roles: [SYSTEM_ROLE] };
    for (const timer of timers) {
      const same = (deadline: { id: string; due: string }) =>
        deadline.id === timer.deadlineId && deadline.due === timer.due;
      if (!listed.some(same) || fired.some(same)) {
        outcomes.push('skipped');
        continue;
      }
      const recorded = {
        actor,
        deadlineId: timer.deadlineId,
        // The deadline's own date decides occurredOn, so a timer fired late (after downtime) still records it.
        occurredOn: addDays(timer.due as LocalDate, 1),
        type: 'DEADLINE_REACHED',
      };
      // The entry's payload is copied before the process's own code runs, which gets a copy of its own:
      // nothing it does to its event reaches the entry (nor the next timer's event).
      const payload = canonicalCopy({ ...recorded, due: timer.due, ruleId: timer.ruleId });
      const event = copyJson(recorded);
      // explain validates the event against the process's schema: a process without this event says invalid.
      const { type } = recorded;
      const explanation = inProcess(head.id, type, () => definition.explain(snapshot, event));
      const applied = explanation.verdict === 'allowed';
      const after = applied
        ? inProcess(head.id, type, () => nextSnapshot(definition.machine, snapshot, event))
        : snapshot;
      if (after.status === 'error') await confirm();
      checkProcessStatus(after, head.id, type);
      steps.push({
        snapshot: after,
        fired: { id: timer.deadlineId, due: timer.due },
        entry: {
          kind: 'timer',
          occurredOn: recorded.occurredOn,
          eventType: type,
          actorId: actor.id,
          actorRoles: actor.roles,
          actorOrgId: actor.orgId,
          decision: applied ? 'applied' : 'ignored',
          warnings: explanation.warnings.map((warning) => warning.ruleId),
          payload,
        },
      });
      outcomes.push(applied ? 'fired' : 'ignored');
      fired.push({ id: timer.deadlineId, due: timer.due });
      if (after !== snapshot) listed = inProcess(head.id, type, () => definition.deadlines(after));
      snapshot = after;
    }
    if (outcomes.includes('skipped')) await confirm();
    if (steps.length === 0) return outcomes;
    const built = deps.commitOf(definition, head, head.id, steps);
    const outcome = await access.commitLive(
      { instance: built.record, expectedVersion: head.version, audit: built.audit, timers: built.timers },
      { definition, snapshot },
    );
    const conflict = conflictOf(outcome);
    if (conflict) throw conflict;
    return outcomes;
  }

  async function runDueTimers(now?: number | Date): Promise<TimerRunReport> {
    const given = now === undefined ? undefined : parseRequest(dueInstantSchema, { now }, 'input').now;
    return fireDue(given === undefined ? clock.now() : typeof given === 'number' ? given : given.getTime());
  }

  /** Fires every timer row due by `at`; each timer that fails goes to `failures` with its error. */
  async function fireDue(at: number, failures?: TimerFailure[]): Promise<TimerRunReport> {
    const report = { fired: 0, ignored: 0, skipped: 0, failed: 0 };
    // A row this run could not fire is not read again: the store would hand it out again, and the run
    // never end. A skipped row (fired or moved meanwhile) is gone when read again, or back and listed by
    // its instance (then it fires); one skipped a second time is a row the store holds although its
    // instance does not list it (a file edited by hand), a failure.
    const failedKeys = new Set<string>();
    const skippedOnce = new Set<string>();
    const fail = (timer: TimerRecord, error: unknown): void => {
      report.failed += 1;
      failures?.push({ error, timer });
      failedKeys.add(rowKey(timer));
    };
    for (;;) {
      const due = (await store.dueTimers(at, deps.timerBatchSize + failedKeys.size)).filter(
        (timer) => !failedKeys.has(rowKey(timer)),
      );
      if (due.length === 0) return report;
      // One commit per instance (its timers in due order), instances in parallel so the store can group-commit.
      const byInstance = new Map<string, TimerRecord[]>();
      for (const timer of due) {
        const list = byInstance.get(timer.instanceId);
        if (list) list.push(timer);
        else byInstance.set(timer.instanceId, [timer]);
      }
      const count = (timers: readonly TimerRecord[], outcomes: readonly TimerOutcome[]) => {
        outcomes.forEach((outcome, index) => {
          const timer = timers[index] as TimerRecord;
          if (outcome !== 'skipped') report[outcome] += 1;
          else if (!skippedOnce.has(rowKey(timer))) {
            skippedOnce.add(rowKey(timer));
            report.skipped += 1;
          } else {
            const where = `timer ${timer.deadlineId} of instance ${timer.instanceId}`;
            fail(timer, new StoreFailureError(`${where} is pending, but its instance does not list it`));
          }
        });
      };
      // Every instance's firing settles before a store failure is passed on: a caller that closes the
      // store after a failed run (or after stopping the loop) must not have commits still in flight.
      const settled = await Promise.allSettled(
        [...byInstance.entries()].map(async ([instanceId, timers]) => {
          try {
            count(timers, await fireTimers(instanceId, timers));
            return;
          } catch (error) {
            if (error instanceof StoreFailureError) throw error;
          }
          // Something in the batch failed: one timer at a time, so the others still fire and only the failing one is reported.
          for (const timer of timers) {
            try {
              count([timer], await fireTimers(instanceId, [timer]));
            } catch (error) {
              if (error instanceof StoreFailureError) throw error;
              fail(timer, error);
            }
          }
        }),
      );
      const storeFailure = settled.find((result) => result.status === 'rejected');
      if (storeFailure) throw storeFailure.reason;
    }
  }

  function startTimerLoop(loopOptions: { intervalMs?: number; onError?: (error: unknown) => void } = {}): TimerLoop {
    checkOptions('startTimerLoop', timerLoopOptionsSchema, loopOptions);
    const intervalMs = clampDelay(loopOptions.intervalMs ?? 60_000);
    const onError = loopOptions.onError ?? ((error: unknown) => console.error('dangwu timer loop:', error));
    // A listener that throws must not stop the loop (it would not be re-armed).
    const tell = (error: unknown): void => {
      try {
        onError(error);
      } catch (thrown) {
        console.error('dangwu timer loop: onError failed:', thrown);
      }
    };
    let stopped = false;
    let handle: ReturnType<typeof setTimeout> | undefined;
    let running: Promise<void> = Promise.resolve();
    let ticking = false;
    // When the armed wait ends (clock time), the pending rows commits wrote during a run (by key, with
    // their due instants: the run may find some of them failing), and the rows that failed in the last
    // run (not worth waking for: they would fail again).
    let wakeAt = Number.POSITIVE_INFINITY;
    let wokenDuringRun = new Map<string, number>();
    let failedRows: ReadonlySet<string> = new Set();
    /** The earliest row written during the run that is not among `failedRows`. */
    const wokenFor = (): number | undefined => {
      let earliest: number | undefined;
      for (const [key, dueAt] of wokenDuringRun) {
        if (!failedRows.has(key) && (earliest === undefined || dueAt < earliest)) earliest = dueAt;
      }
      return earliest;
    };

    // How long to wait for a row due at `next`, seen by a run at `at`: one already due by the run was
    // handed out by the store, so it is only a clock skew away (waking at once for it would spin).
    const untilDue = (next: number, at: number): number =>
      Math.max(next - clock.now(), next <= at ? CLOCK_SKEW_RETRY_MS : 0);

    const arm = (delay: number): void => {
      // A clock that throws was reported by the run; any commit's row may then wake the loop.
      try {
        wakeAt = clock.now() + delay;
      } catch {
        wakeAt = Number.POSITIVE_INFINITY;
      }
      // Node fires delays above 2^31−1 ms after 1 ms; clampDelay keeps every wait within range and the loop re-arms.
      handle = setTimeout(() => {
        handle = undefined;
        running = tick();
      }, clampDelay(delay));
    };

    const tick = async (): Promise<void> => {
      ticking = true;
      let delay = intervalMs;
      try {
        const at = clock.now();
        const failures: TimerFailure[] = [];
        await fireDue(at, failures);
        // A timer that cannot be fired (its instance's process version is not registered, its machine
        // throws) is said, the first few of each run, and tried again at the next run; the loop wakes for
        // the rows due after the failed ones (waking for a failed row would spin it). Rows due by the
        // latest failed one were all handed out by the store, so those still pending are failed ones.
        for (const failure of failures.slice(0, REPORTED_FAILURES)) tell(failure.error);
        failedRows = new Set(failures.map((failure) => rowKey(failure.timer)));
        const failedBy = failures.reduce<number | undefined>(
          (latest, failure) => (latest === undefined || failure.timer.dueAt > latest ? failure.timer.dueAt : latest),
          undefined,
        );
        const next = await store.nextTimerDue(failedBy);
        if (next !== undefined) delay = Math.min(delay, untilDue(next, at));
        // A failing row's own instance commits it again while its other rows fire: not a row to wake for.
        const woken = wokenFor();
        if (woken !== undefined) delay = Math.min(delay, untilDue(woken, at));
      } catch (error) {
        tell(error);
        delay = Math.min(delay, FAILED_RUN_RETRY_MS);
        // A row a commit wrote meanwhile is tried for when it falls due, if that is sooner (not at once:
        // a failing store would be asked again and again).
        const woken = wokenFor();
        if (woken !== undefined) {
          try {
            delay = Math.min(delay, Math.max(CLOCK_SKEW_RETRY_MS, woken - clock.now()));
          } catch {
            // The clock is what failed: the minute stands.
          }
        }
      }
      wokenDuringRun = new Map();
      ticking = false;
      if (!stopped) arm(delay);
    };

    const wake = (rows: readonly TimerRecord[]): void => {
      if (stopped) return;
      let dueAt: number | undefined;
      for (const row of rows) {
        if (row.status !== 'pending') continue;
        const key = rowKey(row);
        if (failedRows.has(key)) continue;
        if (ticking) wokenDuringRun.set(key, Math.min(row.dueAt, wokenDuringRun.get(key) ?? row.dueAt));
        else if (dueAt === undefined || row.dueAt < dueAt) dueAt = row.dueAt;
      }
      if (dueAt !== undefined && dueAt < wakeAt && handle !== undefined) {
        // The delay first: a clock that throws must not leave the loop with its wait cleared and none armed.
        let delay = 0;
        try {
          delay = Math.max(0, dueAt - clock.now());
        } catch {
          // Run now; the run reports the clock.
        }
        clearTimeout(handle);
        arm(delay);
      }
    };
    deps.wakeups.add(wake);
    running = tick();
    return {
      async stop() {
        stopped = true;
        deps.wakeups.delete(wake);
        if (handle !== undefined) clearTimeout(handle);
        await running;
      },
    };
  }

  return { runDueTimers, startTimerLoop };
}
