import { memberDevelopmentProcess } from '@dangwu/machines';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AnyMachineSnapshot, createActor, createMachine, type StateValue } from 'xstate';
import { firstSnapshot, nextSnapshot } from '../src/engine/machine-step.js';
import { persistedSnapshotText, statePathsOf } from '../src/engine/snapshot-io.js';
import { reviewMachine, reviewProcess } from '../test/fixtures/review-process.js';
import { by, openedDevelopmentCase } from './support/development-case.js';

/** What XState itself persists, as text: the reference the direct serialisation must equal byte for byte. */
const xstateText = (
  machine: { getPersistedSnapshot(snapshot: AnyMachineSnapshot): unknown },
  snapshot: AnyMachineSnapshot,
) => JSON.stringify(machine.getPersistedSnapshot(snapshot));

describe('persistedSnapshotText', () => {
  const definition = reviewProcess();

  it('writes what XState persists for any JSON context, undefined members and all (property)', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string(), fc.oneof(fc.jsonValue(), fc.constant(undefined))),
        fc.constantFrom<StateValue>({ open: 'drafting' }, { open: 'review' }, 'suspended'),
        (context, value) => {
          const snapshot = reviewMachine.resolveState({ value, context: context as never }) as AnyMachineSnapshot;
          expect(persistedSnapshotText(definition, snapshot)).toBe(xstateText(reviewMachine, snapshot));
        },
      ),
    );
  });

  it('writes a context with a frozen rule projection as XState does, the marker text in its strings and all (property)', () => {
    const deepFreeze = (value: unknown): unknown => {
      if (typeof value === 'object' && value !== null) {
        for (const member of Object.values(value)) deepFreeze(member);
        Object.freeze(value);
      }
      return value;
    };
    // Strings that hold the text the projection's marker serialises to, alone or after an escaped quote.
    const markerLike = fc.constantFrom('\u0000dangwu.rules\u0000', 'x"\u0000dangwu.rules\u0000', '\u0000dangwu.rules');
    fc.assert(
      fc.property(
        fc.dictionary(fc.string(), fc.oneof(fc.jsonValue(), markerLike, fc.constant(undefined))),
        fc.dictionary(fc.string(), fc.oneof(fc.jsonValue(), markerLike)),
        fc.boolean(),
        (others, projection, frozen) => {
          const rules = frozen ? deepFreeze(projection) : projection;
          const context = { ...others, rules };
          const snapshot = reviewMachine.resolveState({
            value: { open: 'drafting' },
            context: context as never,
          }) as AnyMachineSnapshot;
          // Twice: the projection's text is remembered after the first, unless it may still change.
          expect(persistedSnapshotText(definition, snapshot)).toBe(xstateText(reviewMachine, snapshot));
          if (!frozen) (rules as Record<string, unknown>).changed = true;
          expect(persistedSnapshotText(definition, snapshot)).toBe(xstateText(reviewMachine, snapshot));
        },
      ),
    );
  });

  it('writes a projection it cannot reuse as XState does: not its own member, a context with toJSON, parts still open to change', () => {
    const frozenRules = () => Object.freeze({ id: 'national', versions: Object.freeze([Object.freeze({ n: 1 })]) });
    const nested = { list: [1] };
    const date = Object.freeze(new Date(0));
    let reads = 0;
    const cases: Record<string, () => { context: object; change?: () => void }> = {
      inherited: () => ({ context: Object.assign(Object.create({ rules: frozenRules() }), { orgId: 'b' }) }),
      'not enumerable': () => ({
        context: Object.defineProperty({ orgId: 'b' }, 'rules', { value: frozenRules(), enumerable: false }),
      }),
      'context with toJSON': () => ({
        context: {
          rules: frozenRules(),
          orgId: 'b',
          toJSON(this: { rules: object }) {
            return { rules: String(this.rules) };
          },
        },
      }),
      'rules with toJSON': () => {
        let calls = 0;
        return {
          context: {
            rules: Object.freeze({
              toJSON: () => {
                calls += 1;
                return { calls };
              },
            }),
            orgId: 'b',
          },
        };
      },
      'frozen, a nested part not': () => ({
        context: { rules: Object.freeze({ nested }), orgId: 'b' },
        change: () => nested.list.push(nested.list.length + 1),
      }),
      'frozen, holding a Date': () => ({
        context: { rules: Object.freeze({ date }), orgId: 'b' },
        change: () => date.setTime(date.getTime() + 1),
      }),
      'frozen, with a getter': () => ({
        context: {
          rules: Object.freeze({
            get reads() {
              reads += 1;
              return reads;
            },
          }),
          orgId: 'b',
        },
      }),
    };
    for (const [name, make] of Object.entries(cases)) {
      const { context, change } = make();
      const snapshot = reviewMachine.resolveState({
        value: { open: 'drafting' },
        context: context as never,
      }) as AnyMachineSnapshot;
      for (let round = 0; round < 3; round += 1) {
        const ours = persistedSnapshotText(definition, snapshot);
        // The getter counts its reads and toJSON its calls: ours must read them afresh each time.
        if (name === 'frozen, with a getter') expect(JSON.parse(ours).context.rules.reads, name).toBe(round + 1);
        else if (name === 'rules with toJSON')
          expect(JSON.parse(ours).context.rules, name).toEqual({ calls: round + 1 });
        else expect(ours, name).toBe(xstateText(reviewMachine, snapshot));
        expect(() => JSON.parse(ours), name).not.toThrow();
        change?.();
      }
    }
  });

  it('writes an actor reference in the context as XState does, by its id', () => {
    const ref = createActor(createMachine({ id: 'child' }));
    const snapshot = reviewMachine.resolveState({
      value: { open: 'drafting' },
      context: { orgId: 'branch-1', nested: [{ ref }] } as never,
    }) as AnyMachineSnapshot;
    const text = persistedSnapshotText(definition, snapshot);
    expect(text).toBe(xstateText(reviewMachine, snapshot));
    expect(text).toContain(`"id":"${ref.id}"`);
  });

  it('goes through XState for a snapshot with a history value', () => {
    const who = { id: 'u-1', roles: ['branch-secretary'], orgId: 'branch-1' };
    const opened = firstSnapshot(reviewMachine, { orgId: 'branch-1', openedOn: '2026-03-01' });
    const suspend = { type: 'SUSPEND', occurredOn: '2026-03-02', actor: who };
    const suspended = nextSnapshot(reviewMachine, opened, suspend);
    expect(Object.keys(suspended.historyValue).length).toBeGreaterThan(0);
    expect(persistedSnapshotText(definition, suspended)).toBe(xstateText(reviewMachine, suspended));
  });

  it('writes every snapshot of a member-development case as XState does', () => {
    const { machine } = memberDevelopmentProcess;
    let snapshot = openedDevelopmentCase();
    const events = [
      { type: 'RECORD_TALK', occurredOn: '2025-03-20', actor: by('branch-secretary') },
      { type: 'DESIGNATE_ACTIVIST', occurredOn: '2025-04-10', actor: by('branch-committee') },
      { type: 'FILE_ACTIVIST', occurredOn: '2025-04-15', actor: by('base-committee') },
    ];
    const texts = [persistedSnapshotText(memberDevelopmentProcess, snapshot)];
    expect(texts[0]).toBe(xstateText(machine, snapshot));
    for (const event of events) {
      snapshot = nextSnapshot(machine, snapshot, event);
      texts.push(persistedSnapshotText(memberDevelopmentProcess, snapshot));
      expect(texts.at(-1)).toBe(xstateText(machine, snapshot));
    }
    // The later snapshots carry a frozen projection, whose text is spliced in.
    expect(Object.isFrozen(snapshot.context.rules)).toBe(true);
    // The walk really moved: each event left a different snapshot.
    expect(new Set(texts).size).toBe(texts.length);
  });
});

describe('statePathsOf', () => {
  it('lists each state and each of its ancestors, parents first', () => {
    expect(statePathsOf('draft')).toEqual(['draft']);
    expect(statePathsOf({ case: { open: 'review' }, timeliness: 'onTime' })).toEqual([
      'case',
      'case.open',
      'case.open.review',
      'timeliness',
      'timeliness.onTime',
    ]);
  });
});
