import "server-only";

export type TSearchParams = Record<string, string | string[] | undefined>;

/** Reads page, sort and direction from the URL, accepting only the sort keys a page allows. */
export function listParams<K extends string>(searchParams: TSearchParams, sortKeys: readonly K[], defaults: { sort: K; dir: "asc" | "desc" }) {
  const one = (k: string) => {
    const v = searchParams[k];
    return Array.isArray(v) ? v[0] : v;
  };
  const pageNumber = Number.parseInt(one("page") ?? "1", 10);
  const sortValue = one("sort");
  const sort = (sortKeys as readonly string[]).includes(sortValue ?? "") ? (sortValue as K) : defaults.sort;
  const dirValue = one("dir");
  const dir: "asc" | "desc" = dirValue === "asc" || dirValue === "desc" ? dirValue : defaults.dir;
  const query: Record<string, string | undefined> = {};
  for (const key of Object.keys(searchParams)) query[key] = one(key);
  return { page: Number.isFinite(pageNumber) && pageNumber > 0 ? pageNumber : 1, sort, dir, query, one };
}
