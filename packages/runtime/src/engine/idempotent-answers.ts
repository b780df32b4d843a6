import { IdempotencyKeyReusedError } from '../errors/runtime-errors.js';
import type { IdempotencyRecord } from '../records/idempotency-record.js';
import type { Store } from '../store/store.js';
import type { SendResult } from './engine-types.js';
import { toJson } from './snapshot-io.js';

/** What the store holds under a key, for a request with the given fingerprints. */
export interface KeyAnswer {
  /** The result of the request stored under the key, when its fingerprint is one of the request's. */
  readonly earlier?: SendResult;
  /** Another request holds the key. */
  readonly taken: boolean;
}

/** How keyed requests learn what their key already answers. */
export interface IdempotentAnswers {
  /** What the store holds under `key` for a request whose fingerprints (its own, then older forms) are `prints`. */
  answerFor(key: string, prints: readonly string[]): Promise<KeyAnswer>;
  /** The earlier result under `key`, if `prints` match; {@link IdempotencyKeyReusedError} if another request holds it. */
  replayIdempotent(key: string, prints: readonly string[]): Promise<SendResult | undefined>;
  /** The process version of the instance whose result is stored under `key`, if any (to rebuild an older print). */
  storedVersion(key: string): Promise<string | undefined>;
}

export function createIdempotentAnswers(store: Store): IdempotentAnswers {
  async function answerFor(key: string, prints: readonly string[]): Promise<KeyAnswer> {
    const stored = await store.getIdempotency(key);
    if (!stored) return { taken: false };
    if (!prints.includes(stored.fingerprint)) return { taken: true };
    return { earlier: { ...(stored.result as unknown as SendResult), replayed: true }, taken: false };
  }
  return {
    answerFor,
    async replayIdempotent(key, prints) {
      const answer = await answerFor(key, prints);
      if (answer.taken) throw new IdempotencyKeyReusedError(key);
      return answer.earlier;
    },
    async storedVersion(key) {
      const result = (await store.getIdempotency(key))?.result as
        | { instance?: { processVersion?: unknown } }
        | undefined;
      const version = result?.instance?.processVersion;
      return typeof version === 'string' ? version : undefined;
    },
  };
}

/** The idempotency record a keyed request's commit stores with its result; none for an unkeyed one. */
export function keyRecord(
  key: string | undefined,
  print: string | undefined,
  result: SendResult,
): { readonly idempotency?: IdempotencyRecord } {
  if (key === undefined || print === undefined) return {};
  return {
    idempotency: {
      schemaVersion: 1,
      key,
      instanceId: result.instance.id,
      fingerprint: print,
      seq: result.seq,
      result: toJson(result),
    },
  };
}
