// Bulk writing for the seed: batches are generated while the previous one is being written
// (generation is CPU in Node, writing is mostly Postgres), and at most two batches exist in
// memory at any time.

type TCreateMany<T> = { createMany(args: { data: T[] }): PromiseLike<{ count: number }> };

// Postgres accepts at most 65,535 bind parameters per statement; stay well below it.
const MAX_PARAMS = 30_000;

/** Inserts rows in statements small enough for Postgres' parameter limit. */
export async function insertAll<T extends object>(model: TCreateMany<T>, rows: readonly T[]): Promise<number> {
  if (rows.length === 0) return 0;
  const columns = Math.max(1, ...rows.slice(0, 20).map((r) => Object.keys(r).length));
  const chunk = Math.max(1, Math.floor(MAX_PARAMS / columns));
  let count = 0;
  for (let i = 0; i < rows.length; i += chunk) {
    count += (await model.createMany({ data: rows.slice(i, i + chunk) })).count;
  }
  return count;
}

/**
 * Runs build(batch) for every batch and write(result) for each, overlapping the build of one
 * batch with the write of the one before. Writes happen strictly in batch order.
 */
export async function pipelineBatches<T>(
  batches: number,
  build: (batch: number) => T,
  write: (data: T, batch: number) => Promise<void>,
): Promise<void> {
  let writing: Promise<void> = Promise.resolve();
  for (let b = 0; b < batches; b++) {
    const data = build(b);
    await writing;
    writing = write(data, b);
    // Marked handled now; the rejection still surfaces at the next `await writing`.
    writing.catch(() => {});
    // Let the write's first I/O start before the next CPU-bound build.
    await new Promise((resolve) => setImmediate(resolve));
  }
  await writing;
}
