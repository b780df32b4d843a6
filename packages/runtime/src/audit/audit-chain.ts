import type { AuditEntry } from '../records/audit-entry.js';
import { canonicalJson, isCanonical } from '../records/canonical-json.js';
import { rememberJsonText } from '../records/json-text.js';
import { sha256Hex } from './sha256.js';

/** `prevHash` of an instance's first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** sha256 (hex) of the previous hash followed by the canonical JSON of the entry without its `hash`. */
export function hashEntry(entry: Omit<AuditEntry, 'hash'>): string {
  const { hash: _ignored, ...body } = entry as AuditEntry;
  return sha256Hex(entry.prevHash + canonicalJson(body));
}

/**
 * Completes an entry with its hash. The canonical text hashed is also the entry's stored text (with the
 * hash put first), so a store writes the entry without serialising it again.
 */
export function sealEntry(entry: Omit<AuditEntry, 'hash'>): AuditEntry {
  if ('hash' in entry) return sealEntry((({ hash: _ignored, ...body }) => body)(entry as AuditEntry));
  return sealWith(entry, canonicalJson(entry));
}

/**
 * {@link sealEntry} for an entry built with its members in sorted order and a payload from
 * `canonicalCopy`: its plain JSON text is then its canonical text, so no canonical walk is needed.
 * `entry` must be a fresh object the caller hands over: it is completed with its hash in place.
 */
export function sealSortedEntry(entry: Omit<AuditEntry, 'hash'>): AuditEntry {
  if (!(isCanonical(entry.payload) && membersSorted(entry))) return sealEntry(entry);
  return sealWith(entry, JSON.stringify(entry), 'in place');
}

/** Whether the entry lists its members in sorted order (checked, as a wrong order would break the chain). */
function membersSorted(entry: object): boolean {
  const keys = Object.keys(entry);
  for (let index = 1; index < keys.length; index += 1) {
    if ((keys[index - 1] as string) >= (keys[index] as string)) return false;
  }
  return true;
}

/** The entry with its hash over `body`; `in place` completes the caller's fresh object instead of copying it. */
function sealWith(entry: Omit<AuditEntry, 'hash'>, body: string, target: 'copy' | 'in place' = 'copy'): AuditEntry {
  const hash = sha256Hex(entry.prevHash + body);
  const sealed: AuditEntry = target === 'in place' ? Object.assign(entry, { hash }) : { ...entry, hash };
  rememberJsonText(sealed, `{"hash":${JSON.stringify(hash)},${body.slice(1)}`);
  return sealed;
}

/** Result of checking an instance's audit chain. */
export type HistoryVerification =
  | { readonly ok: true; readonly entries: number }
  | {
      readonly ok: false;
      /** Sequence number at which the chain first breaks. */
      readonly seq: number;
      /** `modified`: the entry's hash does not match its content; `reordered`: seq out of order; `deleted`: an entry is missing; `broken-link`: prevHash does not match the previous entry. */
      readonly problem: 'modified' | 'reordered' | 'deleted' | 'broken-link';
    };

/**
 * Checks a chain as stored (in storage order) against the instance's recorded head: each seq follows
 * the previous, each `prevHash` is the previous `hash`, each hash matches its content, and the last
 * entry is the head (so a deleted tail is caught too).
 */
export function verifyChain(entries: readonly AuditEntry[], head: { seq: number; hash: string }): HistoryVerification {
  let prevHash = GENESIS_HASH;
  for (const [index, entry] of entries.entries()) {
    const expectedSeq = index + 1;
    if (entry.seq !== expectedSeq) {
      const seen = entries.some((other) => other.seq === expectedSeq);
      return { ok: false, seq: expectedSeq, problem: seen ? 'reordered' : 'deleted' };
    }
    if (hashEntry(entry) !== entry.hash) return { ok: false, seq: entry.seq, problem: 'modified' };
    if (entry.prevHash !== prevHash) return { ok: false, seq: entry.seq, problem: 'broken-link' };
    prevHash = entry.hash;
  }
  if (entries.length < head.seq) return { ok: false, seq: entries.length + 1, problem: 'deleted' };
  if (prevHash !== head.hash || entries.length > head.seq) {
    return { ok: false, seq: Math.min(entries.length, head.seq), problem: 'modified' };
  }
  return { ok: true, entries: entries.length };
}
