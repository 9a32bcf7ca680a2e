import "server-only";
import type { TPoolState } from "@/lib/engine/routing";
import { leadIdsOf, type TBusy, type TClaim } from "./claim-items";
import type { TPipelineLink } from "./intake-chunk";
import type { TValidItem } from "./parse-items";

/** Runs one chunk: pipelined when given a link, else waiting for every lock it needs. Reports its items' failures itself (never throws). */
export type TRunChunk = (items: TValidItem[], link: TPipelineLink | undefined) => Promise<void>;

type TInFlight = NonNullable<TPipelineLink["previous"]>;

/** Chunks in flight at once in this process: one writing in Postgres while Node plans the next. */
export const PIPELINE_DEPTH = 2;

// One pipeline per process, shared by every batch running in it: a chunk picks owners from the
// pools as the chunk started just before it left them, whichever batch that was, so concurrent
// batches chain their picks instead of racing for the same pools and redoing chunks.
const pipeline = {
  running: 0,
  waiting: [] as (() => void)[],
  last: null as TInFlight | null,
  inFlight: new Set<Promise<void>>(),
  holders: new Set<Set<string>>(),
};
const busy: TBusy = {
  has: (key) => {
    for (const held of pipeline.holders) if (held.has(key)) return true;
    return false;
  },
  leadIds: () => [...pipeline.holders].flatMap((held) => leadIdsOf(held)),
};

function acquireSlot(): Promise<void> {
  if (pipeline.running < PIPELINE_DEPTH) {
    pipeline.running++;
    return Promise.resolve();
  }
  return new Promise((resolve) => pipeline.waiting.push(resolve)); // the slot is handed over, first come first served
}

function releaseSlot(): void {
  const next = pipeline.waiting.shift();
  if (next) next();
  else pipeline.running--;
}

/**
 * Batch intake's chunks through the process's pipeline (ADR 0026): while Postgres writes one
 * chunk, Node plans the next, instead of each waiting for the other. The items go in the order
 * sent. A chunk claims its items without waiting (claim-items.ts); the items someone holds —
 * usually a chunk still in flight, when a batch names one person twice — come back deferred and
 * lead the batch's next chunk, which is composed only once the previous one has claimed, so the
 * items of one person never overtake one another. A chunk that could run none of its items
 * waits for the chunks in flight to end and runs them waiting for their locks, so nothing spins.
 */
export async function runChunkPipeline(items: readonly TValidItem[], options: { chunkSize: number }, run: TRunChunk): Promise<void> {
  const mine = new Set<Promise<void>>();
  let deferred: TValidItem[] = [];
  let next = 0;
  while (next < items.length) {
    await acquireSlot();
    const fresh = items.slice(next, next + Math.max(0, options.chunkSize - deferred.length));
    next += fresh.length;
    const chunk = [...deferred, ...fresh];

    const claimed = settleOnce<TClaim | null>();
    let placed = settleOnce<Record<string, TPoolState>>();
    const settled = settleOnce<void>();
    const redoing = settleOnce<void>();
    const held = new Set<string>();
    const link: TPipelineLink = {
      mode: "claim",
      busy,
      previous: pipeline.last,
      onClaimed: (claim) => {
        for (const key of claim.held) held.add(key);
        pipeline.holders.add(held);
        claimed.resolve(claim);
      },
      onPlaced: (after) => placed.resolve(after),
      onSettled: () => settled.resolve(),
      // A redo places again: from now on, the next chunk waits for that placement, and for the redo's end.
      onRedo: () => {
        if (placed.done()) placed = settleOnce();
        redoing.resolve();
      },
    };
    // The next chunk reads these when it needs them, so a redo's placement replaces the first one's.
    pipeline.last = {
      placed: () => placed.promise,
      settled: () => settled.promise,
      isSettled: () => settled.done(),
      redoing: () => redoing.promise,
      isRedoing: () => redoing.done() && !settled.done(),
    };
    const done: Promise<void> = run(chunk, link)
      .catch(() => {}) // run reports its items' failures itself; the pipeline only needs to know it ended
      .finally(() => {
        // A chunk that ended before it claimed or placed (a failure) hands on nothing.
        claimed.resolve(null);
        placed.resolve({});
        settled.resolve();
        pipeline.holders.delete(held);
        pipeline.inFlight.delete(done);
        mine.delete(done);
        releaseSlot();
      });
    pipeline.inFlight.add(done);
    mine.add(done);

    const claim = await claimed.promise;
    deferred = claim?.deferred ?? [];
    if (claim && claim.runnable.length === 0 && deferred.length > 0) {
      // Everything this chunk held back is held by someone else: wait for the chunks in flight
      // to end, then run those items the blocking way (waiting on another process's lock, not spinning).
      await Promise.all([...pipeline.inFlight]);
      await run(deferred, undefined);
      deferred = [];
    }
  }
  await Promise.all([...mine]);
  for (let start = 0; start < deferred.length; start += options.chunkSize) await run(deferred.slice(start, start + options.chunkSize), undefined);
}

function settleOnce<T>() {
  let resolve!: (value: T) => void;
  let done = false;
  const promise = new Promise<T>((r) => (resolve = r));
  return {
    promise,
    done: () => done,
    resolve: (value: T) => {
      if (done) return;
      done = true;
      resolve(value);
    },
  };
}
