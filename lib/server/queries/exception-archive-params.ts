import "server-only";
import { ExceptionStatus, ExceptionType } from "@/lib/generated/prisma/enums";
import { ARCHIVE_SORTS, ARCHIVE_TIERS, type TArchiveOptions, type TArchiveTier } from "./exception-archive";
import { listParams, type TSearchParams } from "./list-params";

// URL → archive filters, shared by the page and the CSV export so "Export CSV" exports exactly
// what the table shows. Unknown values are dropped rather than refused: a stale bookmark still opens.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function archiveParams(searchParams: TSearchParams) {
  const params = listParams(searchParams, ARCHIVE_SORTS, { sort: "submittedAt", dir: "desc" });
  const text = (k: string) => params.one(k)?.trim() || undefined;
  const oneOf = <T extends string>(k: string, allowed: readonly T[]) => {
    const v = text(k);
    return v && (allowed as readonly string[]).includes(v) ? (v as T) : undefined;
  };
  const matching = (k: string, re: RegExp) => {
    const v = text(k);
    return v && re.test(v) ? v : undefined;
  };
  const options: TArchiveOptions = {
    sort: params.sort,
    dir: params.dir,
    type: oneOf("type", Object.values(ExceptionType)),
    status: oneOf("status", Object.values(ExceptionStatus)),
    tier: oneOf<TArchiveTier>("tier", ARCHIVE_TIERS),
    repId: matching("rep", UUID),
    teamId: matching("team", UUID),
    segment: text("segment"),
    product: text("product"),
    submittedFrom: matching("from", DAY),
    submittedTo: matching("to", DAY),
    q: text("q"),
  };
  const filtered = [options.type, options.status, options.tier, options.repId, options.teamId, options.segment, options.product, options.submittedFrom, options.submittedTo, options.q].some(Boolean);
  return { params, options, filtered };
}
