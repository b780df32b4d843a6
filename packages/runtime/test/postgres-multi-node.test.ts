import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { type AuditEntry, createEngine } from '../src/index.js';
import { createPostgresStore } from '../src/postgres.js';
import { reviewProcess } from './fixtures/review-process.js';
import { describePostgres, PG_URL, schemaFactory } from './support/postgres-env.js';
import { replay } from './support/replay.js';
import { spawnTs } from './support/run-ts.js';
import { actor, orgs } from './support/world.js';

const child = fileURLToPath(new URL('./support/postgres-node-child.ts', import.meta.url));
const nextSchema = schemaFactory('multi');

const NODES = ['n0', 'n1', 'n2'];
const PER_NODE = 1000;
const INSTANCES = 48;
const KILL_AFTER_ACKS = 250;
const LEASE_MS = 1000;

interface Run {
  readonly done: Promise<{ code: number | null; signal: string | null; stderr: string; finished: boolean }>;
  readonly proc: ChildProcess;
}

/** Spawns a node; `onAck` sees each acknowledgement as it arrives. */
function spawnNode(schema: string, name: string, onAck: (key: string, instanceId: string, seq: number) => void): Run {
  const proc = spawnTs(child, [PG_URL, schema, name, String(PER_NODE), String(INSTANCES), String(LEASE_MS)]);
  let buffer = '';
  let stderr = '';
  let finished = false;
  proc.stdout?.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines) {
      const [word, key = '', instanceId = '', seq = '0'] = line.split(' ');
      if (word === 'ack') onAck(key, instanceId, Number(seq));
      if (word === 'done') finished = true;
    }
  });
  proc.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const done = new Promise<{ code: number | null; signal: string | null; stderr: string; finished: boolean }>(
    (resolve) => proc.on('close', (code, signal) => resolve({ code, signal, stderr, finished })),
  );
  return { done, proc };
}

describePostgres('several engine processes on one PostgreSQL database', () => {
  it(`applies ${NODES.length * PER_NODE} events and fires every timer exactly once, with one node SIGKILLed`, {
    timeout: 120_000,
  }, async () => {
    const schema = nextSchema();
    const store = await createPostgresStore({ connectionString: PG_URL, schema });
    const engine = createEngine({ store, processes: [reviewProcess()], orgs, clock: store.clock });
    const who = actor('branch-1');
    for (let index = 0; index < INSTANCES; index += 1) {
      const instanceId = `m${String(index).padStart(3, '0')}`;
      await engine.start({
        processId: 'fixture-review',
        instanceId,
        input: { orgId: 'branch-1', openedOn: '2026-03-01' },
        actor: who,
      });
      // A deadline far in the future: no node may fire it.
      await engine.send({
        instanceId,
        event: { type: 'SCHEDULE', occurredOn: '2026-03-01', actor: who, deadlineId: 'far', due: '2099-12-31' },
      });
    }

    const acked = new Map<string, { instanceId: string; seq: number }>();
    let victimAcks = 0;
    let victim: Run | undefined;
    const onAck = (key: string, instanceId: string, seq: number): void => {
      const earlier = acked.get(key);
      // A replacement re-sending an acknowledged event gets the original result back (idempotency).
      if (earlier) expect(earlier).toEqual({ instanceId, seq });
      acked.set(key, { instanceId, seq });
      if (key.startsWith('n0-')) {
        victimAcks += 1;
        if (victimAcks === KILL_AFTER_ACKS) victim?.proc.kill('SIGKILL');
      }
    };
    const started = Date.now();
    victim = spawnNode(schema, 'n0', onAck);
    const others = NODES.slice(1).map((name) => spawnNode(schema, name, onAck));
    const killed = await victim.done;
    expect(killed.signal).toBe('SIGKILL');
    expect(killed.finished).toBe(false);
    // The replacement runs n0's plan again from the start with the same idempotency keys.
    const replacement = spawnNode(schema, 'n0', onAck);
    const results = await Promise.all([...others, replacement].map((run) => run.done));
    for (const result of results) {
      expect(result.stderr).toBe('');
      expect(result).toMatchObject({ code: 0, finished: true });
    }
    const seconds = (Date.now() - started) / 1000;

    const planned = NODES.flatMap((name) => Array.from({ length: PER_NODE }, (_, k) => `${name}k${k}`)).sort();
    const scheduled: string[] = [];
    const fired: string[] = [];
    const histories = new Map<string, AuditEntry[]>();
    for (let index = 0; index < INSTANCES; index += 1) {
      const instanceId = `m${String(index).padStart(3, '0')}`;
      const history = await engine.history(instanceId, { actor: actor('root') });
      histories.set(instanceId, history);
      for (const entry of history) {
        const deadlineId = (entry.payload as { deadlineId?: string }).deadlineId ?? '';
        if (entry.eventType === 'SCHEDULE' && deadlineId !== 'far') scheduled.push(deadlineId);
        if (entry.kind === 'timer') fired.push(deadlineId);
      }
      expect(await engine.verifyHistory(instanceId)).toEqual({ ok: true, entries: history.length });
      const view = await engine.get(instanceId, { actor: actor('root') });
      expect(view.snapshot).toEqual(replay(reviewProcess(), history));
      // Only the far-future deadline is left, still pending.
      expect((await store.getTimers(instanceId)).filter((timer) => timer.status === 'pending')).toEqual([
        expect.objectContaining({ deadlineId: 'far' }),
      ]);
    }
    // No event lost or applied twice; every timer fired exactly once; the far-future ones never.
    expect(scheduled.sort()).toEqual(planned);
    expect(fired.sort()).toEqual(planned);
    // Every acknowledgement names the history entry that holds its event.
    expect(acked.size).toBe(planned.length);
    for (const [key, { instanceId, seq }] of acked) {
      const entry = histories.get(instanceId)?.[seq - 1];
      expect((entry?.payload as { deadlineId?: string } | undefined)?.deadlineId).toBe(key.replace('-', 'k'));
    }
    console.info(
      `multi-node: ${planned.length} events + ${fired.length} timers on ${INSTANCES} instances, 4 processes (one SIGKILLed after ${KILL_AFTER_ACKS} acks), ${seconds.toFixed(1)} s`,
    );
    await store.close();
  });
});
