import { DangwuError } from '@dangwu/rules';
import {
  type AnyActorScope,
  type AnyMachineSnapshot,
  type AnyStateMachine,
  createActor,
  type EventObject,
  initialTransition,
  type Snapshot,
  transition,
} from 'xstate';
import { ProcessFailureError } from '../errors/runtime-errors.js';

// XState's pure `transition()` and `initialTransition()` build a new inert actor for every call, and
// building it computes the machine's initial snapshot each time, which costs about as much as the
// transition itself. Process machines are pure and spawn no children (the runtime does the side
// effects), so one inert scope per machine serves every call; a snapshot that has or gains children
// goes through XState's own functions instead.

const scopes = new WeakMap<AnyStateMachine, AnyActorScope>();

function scopeOf(machine: AnyStateMachine): AnyActorScope {
  let scope = scopes.get(machine);
  if (scope === undefined) {
    const self = createActor(machine);
    scope = {
      self,
      id: '',
      sessionId: '',
      logger: () => {},
      defer: () => {},
      emit: () => {},
      system: self.system,
      stopChild: () => {},
      // Like XState's pure functions, nothing is executed: the runtime only keeps the next snapshot.
      actionExecutor: () => {},
    };
    scopes.set(machine, scope);
  }
  return scope;
}

const hasChildren = (snapshot: AnyMachineSnapshot): boolean => Object.keys(snapshot.children ?? {}).length > 0;

/** The snapshot after `event`, as `transition(machine, snapshot, event)[0]` gives it. */
export function nextSnapshot(
  machine: AnyStateMachine,
  snapshot: AnyMachineSnapshot,
  event: EventObject,
): AnyMachineSnapshot {
  if (!hasChildren(snapshot)) {
    const next = machine.transition(snapshot, event, scopeOf(machine)) as AnyMachineSnapshot;
    if (!hasChildren(next)) return next;
  }
  return transition(machine, snapshot, event)[0] as AnyMachineSnapshot;
}

/** The initial snapshot for `input`, as `initialTransition(machine, input)[0]` gives it. */
export function firstSnapshot(machine: AnyStateMachine, input: unknown): AnyMachineSnapshot {
  const first = machine.getInitialSnapshot(scopeOf(machine), input) as AnyMachineSnapshot;
  if (!hasChildren(first)) return first;
  return initialTransition(machine, input)[0] as AnyMachineSnapshot;
}

/**
 * A persisted snapshot revived through the machine's own `restoreSnapshot` (history values and
 * children), as an actor created with `{ snapshot }` would hold it. `persisted` is not modified unless
 * `adopt` says the caller owns it and will not use it again (then no defensive copy is made).
 */
export function revivedSnapshot(
  machine: AnyStateMachine,
  persisted: unknown,
  options: { readonly adopt?: boolean } = {},
): AnyMachineSnapshot {
  // The machine mutates the object while reviving it, so it gets a private copy unless it is the caller's to give.
  const copy = (options.adopt ? persisted : structuredClone(persisted)) as Snapshot<unknown> & {
    children?: Record<string, unknown>;
  };
  if (Object.keys(copy?.children ?? {}).length === 0) {
    return machine.restoreSnapshot(copy, scopeOf(machine)) as AnyMachineSnapshot;
  }
  return createActor(machine, { snapshot: copy }).getSnapshot() as AnyMachineSnapshot;
}

/**
 * Runs `step`, a machine's own code (its transition, initial context, guards in an explanation), and
 * throws what it throws as a {@link ProcessFailureError}: XState throws an action's or a guard's error
 * out of `transition` rather than returning an `error` snapshot. Errors that are already dangwu's own
 * (a machine parsing an event that does not fit, say) keep their type.
 */
export function inProcess<T>(instanceId: string, eventType: string, step: () => T): T {
  try {
    return step();
  } catch (error) {
    throw error instanceof DangwuError ? error : new ProcessFailureError(instanceId, eventType, error);
  }
}

/** Throws {@link ProcessFailureError} when the machine failed (an action or guard threw) on `eventType`. */
export function checkProcessStatus(snapshot: AnyMachineSnapshot, instanceId: string, eventType: string): void {
  if (snapshot.status === 'error') throw new ProcessFailureError(instanceId, eventType, snapshot.error);
}
