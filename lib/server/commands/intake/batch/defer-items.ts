// Which items of a pipelined chunk must wait for a later chunk (ADR 0026), in memory. An item
// waits when one of its identities (e-mail, external id) or a stored lead it matches is held
// by another transaction — and so does every later item of the chunk that shares an identity
// or a matched lead with an item that waits, so that items naming one person still go through
// in the order sent. Items that share nothing with a waiting item go on: their order relative
// to it does not change any decision about either.
import type { TValidItem } from "./parse-items";

export type TItemKeys = { item: TValidItem; keys: readonly string[] };

export function splitDeferred<T extends TItemKeys>(items: readonly T[], isHeld: (key: string) => boolean): { runnable: T[]; deferred: T[] } {
  const runnable: T[] = [];
  const deferred: T[] = [];
  const waiting = new Set<string>();
  for (const entry of items) {
    if (entry.keys.some((k) => waiting.has(k) || isHeld(k))) {
      for (const k of entry.keys) waiting.add(k);
      deferred.push(entry);
    } else {
      runnable.push(entry);
    }
  }
  return { runnable, deferred };
}
