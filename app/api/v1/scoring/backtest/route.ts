import { apiRoute } from "@/lib/server/api/route";
import { backtestSpec } from "@/lib/server/api/specs/scoring";
import { runBacktest } from "@/lib/server/queries/run-backtest";

export const POST = apiRoute(backtestSpec, async ({ body }) => {
  const { csv, scored: _scored, ...result } = await runBacktest(body);
  if (body.format === "csv") {
    return { response: new Response(csv(), { headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="backtest-v${result.version.version}.csv"` } }) };
  }
  return { body: { data: result } };
});
