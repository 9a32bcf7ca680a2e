// Small collection helpers shared by the batch-intake steps.

/** The distinct non-empty values. */
export function unique(values: readonly (string | null)[]): string[] {
  return [...new Set(values.filter((v): v is string => v !== null && v !== ""))];
}

/** The list stored under `key`, created empty on first use. */
export function listIn<T>(map: Map<string, T[]>, key: string): T[] {
  let list = map.get(key);
  if (!list) map.set(key, (list = []));
  return list;
}
