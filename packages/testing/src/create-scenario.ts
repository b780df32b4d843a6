import {
  type Actor,
  actorSchema,
  type Deadline,
  type Explanation,
  type ProcessDefinition,
  type Role,
} from '@dangwu/machines';
import { type Bilingual, issuesFromZod, type LocalDate } from '@dangwu/rules';
import { jsonDataOf } from '@dangwu/runtime';
import { type AnyMachineSnapshot, type AnyStateMachine, initialTransition, type SnapshotFrom } from 'xstate';
import { addIsoDuration } from './iso-duration.js';
import { machineDriver } from './machine-driver.js';
import { runtimeDriver } from './runtime-driver.js';
import type { ScenarioDriver } from './scenario-driver.js';
import { ScenarioAssertionError } from './scenario-error.js';
import type { Scenario, ScenarioEvent, ScenarioMode, ScenarioOptions } from './scenario-types.js';
import { statePaths } from './state-paths.js';

const json = (value: unknown): Record<string, unknown> => JSON.parse(JSON.stringify(value)) as Record<string, unknown>;

function fail(zh: string, en: string, explanation?: Explanation): never {
  throw new ScenarioAssertionError({ zh, en } satisfies Bilingual, explanation);
}

function overdueRuleIds(snapshot: AnyMachineSnapshot): string[] {
  const context: unknown = snapshot.context;
  if (typeof context !== 'object' || context === null || !('overdue' in context) || !Array.isArray(context.overdue)) {
    return [];
  }
  return context.overdue.flatMap((entry: unknown) =>
    typeof entry === 'object' && entry !== null && 'ruleId' in entry && typeof entry.ruleId === 'string'
      ? [entry.ruleId]
      : [],
  );
}

const listDeadlines = (deadlines: readonly Deadline[]): string =>
  deadlines.length === 0 ? '—' : deadlines.map((deadline) => `${deadline.ruleId} ${deadline.due}`).join(', ');

/**
 * Starts a process on a virtual clock, in the spirit of Temporal's time-skipping test environment:
 * send events dated today by role shorthand, `advance('P3M')` to fire the deadlines whose day has
 * passed, and assert states, refusals (with rule ids) and deadlines. Failed assertions throw a
 * {@link ScenarioAssertionError} with a zh-CN and an English line, so it works with any test runner.
 *
 * @example
 * const s = await createScenario({ process: memberDevelopmentProcess, profile: national, input, startOn: '2026-06-01' });
 * await s.expectRefused({ type: 'DESIGNATE_ACTIVIST', actor: 'branch-committee' }, 'DEV-APPLY-TALK-DEADLINE');
 * await s.advance('P10D');
 * await s.send({ type: 'RECORD_TALK', actor: 'branch-secretary' });
 */
export async function createScenario<TMachine extends AnyStateMachine>(
  options: ScenarioOptions<TMachine>,
): Promise<Scenario<TMachine>> {
  const process = options.process as unknown as ProcessDefinition;
  const mode: ScenarioMode = options.mode ?? 'live';
  const raw = options.profile ? { ...options.input, profile: options.profile } : options.input;
  // Read as the engine reads a start's input: plain JSON data into that data (undefined members dropped).
  const parsed = process.inputSchema.safeParse(jsonDataOf(raw));
  if (!parsed.success) {
    const issues = issuesFromZod(parsed.error, 'input');
    fail(
      `场景输入无效：${issues.map((issue) => `${issue.path} ${issue.message.zh}`).join('；')}`,
      `The scenario input is invalid: ${issues.map((issue) => `${issue.path} ${issue.message.en}`).join('; ')}`,
    );
  }
  const input = json(parsed.data);
  const [initial] = initialTransition(process.machine, input);
  const startOrg = options.orgId ?? process.organisationOf(initial);
  const declared = actorSchema.safeParse(input.actor);
  const starter: Actor = declared.success
    ? declared.data
    : { id: 'scenario-starter', roles: ['branch-secretary'], orgId: startOrg };
  const driver: ScenarioDriver =
    mode === 'runtime'
      ? await runtimeDriver(process, input, options.startOn, starter)
      : machineDriver(process, input, mode === 'restored');
  let today = options.startOn;

  async function complete(event: ScenarioEvent): Promise<Record<string, unknown>> {
    const { actor, occurredOn, ...fields } = event;
    const orgId = options.orgId ?? process.organisationOf(await driver.snapshot());
    const who: Actor = typeof actor === 'string' ? { id: `${actor}-1`, roles: [actor as Role], orgId } : actor;
    const full = { ...fields, occurredOn: occurredOn ?? today, actor: who };
    // Read as the engine reads a sent event (undefined members dropped, as JSON drops them).
    const read = jsonDataOf(full) as Record<string, unknown>;
    const valid = process.eventSchema.safeParse(read);
    // The runtime stores and applies the parsed event (defaults filled in); do the same in every mode.
    return valid.success ? json(valid.data) : read;
  }

  async function explain(event: ScenarioEvent): Promise<Explanation> {
    return process.explain(await driver.snapshot(), await complete(event));
  }

  async function advanceTo(date: LocalDate): Promise<LocalDate> {
    if (date < today) fail(`时钟不能倒退：${today} → ${date}`, `The clock cannot go back: ${today} → ${date}`);
    await driver.fireDeadlines(date);
    today = date;
    return today;
  }

  const scenario: Scenario<TMachine> = {
    mode,
    get today() {
      return today;
    },
    snapshot: async () => (await driver.snapshot()) as SnapshotFrom<TMachine>,
    deadlines: async () => process.deadlines(await driver.snapshot()),
    explain,
    async send(event) {
      const full = await complete(event);
      const explanation = process.explain(await driver.snapshot(), full);
      if (explanation.verdict !== 'allowed') {
        fail(
          `事件 ${explanation.eventType} 未被接受（${explanation.verdict}）`,
          `${explanation.eventType} was not accepted (${explanation.verdict})`,
          explanation,
        );
      }
      const before = await driver.fingerprint();
      await driver.send(full);
      if ((await driver.fingerprint()) === before) {
        fail(
          `说明称可以办理 ${explanation.eventType}，但流程没有变化`,
          `The explanation allowed ${explanation.eventType} but the process did not change`,
          explanation,
        );
      }
      return explanation;
    },
    advance: async (duration) => advanceTo(addIsoDuration(today, duration)),
    advanceTo,
    async expectState(path) {
      const paths = statePaths((await driver.snapshot()).value);
      if (!paths.includes(path)) {
        fail(
          `应处于状态 ${path}，实际为 ${paths.join('、')}`,
          `Expected state ${path}; the snapshot is in ${paths.join(', ')}`,
        );
      }
    },
    async expectRefused(event, ruleId) {
      const full = await complete(event);
      const explanation = process.explain(await driver.snapshot(), full);
      const cited = explanation.failures.map((failure) => failure.ruleId);
      if (explanation.verdict === 'allowed' || explanation.verdict === 'invalid' || !cited.includes(ruleId)) {
        fail(
          `${explanation.eventType} 应因 ${ruleId} 被拒绝，实际：${explanation.verdict}（${cited.join('、') || '无规则'}）`,
          `Expected ${explanation.eventType} to be refused under ${ruleId}; got ${explanation.verdict} (${cited.join(', ') || 'no rule'})`,
          explanation,
        );
      }
      const before = await driver.fingerprint();
      try {
        await driver.send(full);
      } catch (error) {
        // The engine refuses with a typed error; a bare machine must simply ignore the event.
        if (mode !== 'runtime') throw error;
      }
      if ((await driver.fingerprint()) !== before) {
        fail(
          `${explanation.eventType} 被说明拒绝，但流程发生了变化`,
          `${explanation.eventType} was refused by the explanation but the process changed`,
          explanation,
        );
      }
      return explanation;
    },
    async expectAllowed(event) {
      const explanation = await explain(event);
      if (explanation.verdict !== 'allowed') {
        fail(
          `${explanation.eventType} 应可以办理，实际：${explanation.verdict}`,
          `Expected ${explanation.eventType} to be allowed; got ${explanation.verdict}`,
          explanation,
        );
      }
      return explanation;
    },
    async expectDeadline(ruleId, date) {
      const deadlines = process.deadlines(await driver.snapshot());
      const found = deadlines.find((deadline) => deadline.ruleId === ruleId && deadline.due === date);
      if (!found) {
        return fail(
          `应有 ${ruleId} 期限于 ${date} 到期，实际期限：${listDeadlines(deadlines)}`,
          `Expected a ${ruleId} deadline due ${date}; pending: ${listDeadlines(deadlines)}`,
        );
      }
      return found;
    },
    async expectOverdue(ruleId) {
      const overdue = overdueRuleIds(await driver.snapshot());
      if (!overdue.includes(ruleId)) {
        fail(
          `${ruleId} 应已逾期，实际逾期：${overdue.join('、') || '无'}`,
          `Expected ${ruleId} to be overdue; overdue: ${overdue.join(', ') || 'none'}`,
        );
      }
    },
    stop: () => driver.stop(),
  };
  return scenario;
}
