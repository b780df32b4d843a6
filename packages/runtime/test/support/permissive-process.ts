import type { ProcessDefinition } from '@dangwu/machines';
import type { AnyStateMachine } from 'xstate';
import type * as z from 'zod';

/**
 * A process around `machine` whose `explain` allows every event its schema lets through, with no
 * deadlines, organised by `context.orgId`, acted by each event's own actor: for tests of what the
 * runtime does with a machine written in some particular way.
 */
export function permissiveProcess(parts: {
  id: string;
  machine: AnyStateMachine;
  inputSchema: z.ZodType;
  eventSchema: z.ZodType;
}): ProcessDefinition {
  return {
    ...parts,
    version: '1',
    title: { zh: parts.id, en: parts.id },
    explain: (_snapshot: unknown, sent: unknown) => ({
      verdict: 'allowed' as const,
      eventType: (sent as { type: string }).type,
      checks: [],
      failures: [],
      warnings: [],
      message: { zh: '可以', en: 'allowed' },
    }),
    deadlines: () => [],
    organisationOf: (snapshot: { context: { orgId: string } }) => snapshot.context.orgId,
    actorOf: (sent: { actor: unknown }) => sent.actor,
  } as unknown as ProcessDefinition;
}
