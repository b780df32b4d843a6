import type { Actor, ProcessDefinition } from '@dangwu/machines';
import { type LocalDate, shanghaiStartOf } from '@dangwu/rules';
import { createEngine, createManualClock, createMemoryStore, restoreSnapshot } from '@dangwu/runtime';
import type { ScenarioDriver } from './scenario-driver.js';
import { ScenarioAssertionError } from './scenario-error.js';

const INSTANCE_ID = 'scenario-1';

/**
 * Runs the process through the durable engine on the memory store with a manual clock: time moves by
 * setting the clock to the start of a day and calling `runDueTimers`.
 */
export async function runtimeDriver(
  process: ProcessDefinition,
  input: unknown,
  startOn: LocalDate,
  starter: Actor,
): Promise<ScenarioDriver> {
  const store = createMemoryStore();
  const clock = createManualClock(shanghaiStartOf(startOn));
  const engine = createEngine({ store, clock, processes: [process] });
  await engine.start({
    processId: process.id,
    version: process.version,
    instanceId: INSTANCE_ID,
    input,
    actor: starter,
    occurredOn: startOn,
  });
  const record = async () => {
    const found = await store.getInstance(INSTANCE_ID);
    if (!found) throw new ScenarioAssertionError({ zh: '实例不存在', en: 'The instance is missing from the store' });
    return found;
  };
  return {
    snapshot: async () => restoreSnapshot(process, (await record()).snapshot),
    fingerprint: async () => {
      const found = await record();
      return `${found.version}:${JSON.stringify(found.snapshot)}`;
    },
    send: async (event) => {
      await engine.send({ instanceId: INSTANCE_ID, event });
    },
    async fireDeadlines(until) {
      clock.set(shanghaiStartOf(until));
      for (;;) {
        const report = await engine.runDueTimers();
        if (report.failed > 0) {
          throw new ScenarioAssertionError({
            zh: '运行时未能触发到期计时器',
            en: 'The runtime failed to fire a due timer',
          });
        }
        if (report.fired + report.ignored === 0) return;
      }
    },
    stop: () => undefined,
  };
}
