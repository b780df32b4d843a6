import type { CaseLedger } from './case-records.js';

/**
 * The guards the timeliness region reads: whether a deadline is overdue, and whether the case has
 * ended. Spread them into `setup({ guards })` of a machine whose context is a ledger with an outcome.
 */
export function ledgerGuards<TContext extends CaseLedger & { readonly outcome: unknown }>(): {
  /** A deadline was missed and not yet resolved. */
  hasOverdue: (args: { context: TContext }) => boolean;
  /** No deadline is overdue. */
  noOverdue: (args: { context: TContext }) => boolean;
  /** The case has an outcome. */
  caseClosed: (args: { context: TContext }) => boolean;
} {
  return {
    hasOverdue: ({ context }) => context.overdue.length > 0,
    noOverdue: ({ context }) => context.overdue.length === 0,
    caseClosed: ({ context }) => context.outcome !== null,
  };
}

/**
 * The `timeliness` region every process runs in parallel with its case: on time, overdue (never
 * blocks; shown until the step is done), closed. Its guards come from {@link ledgerGuards}.
 */
export const timelinessRegion = {
  initial: 'onTime',
  states: {
    onTime: {
      meta: { zh: '各项期限均未逾期', en: 'No deadline missed' },
      always: [
        { guard: 'caseClosed', target: 'closed' },
        { guard: 'hasOverdue', target: 'overdue' },
      ],
    },
    overdue: {
      meta: {
        zh: '有期限已逾期（不阻止办理，直至补办）',
        en: 'A deadline was missed (never blocks; shown until done)',
      },
      always: [
        { guard: 'caseClosed', target: 'closed' },
        { guard: 'noOverdue', target: 'onTime' },
      ],
    },
    closed: { type: 'final', meta: { zh: '案例已结束', en: 'Case closed' } },
  },
} as const;

/** The label of the timeliness region itself, for machines that show it in diagrams. */
export const timelinessMeta = { zh: '期限', en: 'Timeliness' } as const;
