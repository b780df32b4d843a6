import type { ProcessDefinition } from '@dangwu/machines';
import { addDays, type LocalDate } from '@dangwu/rules';
import { type AnyActorRef, type AnyMachineSnapshot, createActor } from 'xstate';
import type { ScenarioDriver } from './scenario-driver.js';
import { ScenarioAssertionError } from './scenario-error.js';

const fireDay = (due: LocalDate): LocalDate => addDays(due, 1);

/**
 * Runs the machine on an XState actor; in `restored` mode the snapshot is persisted to JSON and a new
 * actor restored from it after the start and after every step (xstate's rehydration tests).
 */
export function machineDriver(process: ProcessDefinition, input: unknown, restored: boolean): ScenarioDriver {
  const { machine } = process;
  let actor: AnyActorRef = createActor(machine, { input }).start();
  const persisted = (): string => JSON.stringify(actor.getPersistedSnapshot());
  const current = (): AnyMachineSnapshot => actor.getSnapshot() as AnyMachineSnapshot;
  const fired = new Set<string>();

  function step(): void {
    const snapshot = current();
    if (snapshot.status === 'error') {
      throw new ScenarioAssertionError({
        zh: `状态机出错：${String(snapshot.error)}`,
        en: `The machine failed: ${String(snapshot.error)}`,
      });
    }
    if (!restored) return;
    const json = persisted();
    actor.stop();
    actor = createActor(machine, { snapshot: JSON.parse(json) }).start();
    if (persisted() !== json) {
      throw new ScenarioAssertionError({
        zh: '恢复持久化快照后快照改变',
        en: 'Restoring the persisted snapshot changed it',
      });
    }
  }
  step();

  async function send(event: Readonly<Record<string, unknown>>): Promise<void> {
    // A finished actor would only log a warning; the scenario compares fingerprints instead.
    if (current().status === 'active') actor.send(event as { type: string });
    step();
  }

  return {
    snapshot: async () => current(),
    fingerprint: async () => persisted(),
    send,
    async fireDeadlines(until) {
      for (;;) {
        const snapshot = current();
        const next = process
          .deadlines(snapshot)
          .filter((deadline) => !fired.has(`${deadline.id}@${deadline.due}`) && fireDay(deadline.due) <= until)
          .sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0))[0];
        if (!next) return;
        fired.add(`${next.id}@${next.due}`);
        const event = {
          type: 'DEADLINE_REACHED',
          deadlineId: next.id,
          occurredOn: fireDay(next.due),
          actor: { id: 'system', roles: ['system'], orgId: process.organisationOf(snapshot) },
        };
        // As the runtime does: a state that no longer takes the event just records the timer as fired.
        if (process.explain(snapshot, event).verdict === 'allowed') await send(event);
      }
    },
    stop: () => actor.stop(),
  };
}
