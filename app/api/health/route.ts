import { json } from "@/lib/server/api/json";
import { readHealth } from "@/lib/server/queries/read-health";

export const dynamic = "force-dynamic";

/** Liveness for load balancers: 200 when the database answers, 503 when it does not. */
export async function GET() {
  const health = await readHealth();
  return json(health, { status: health.database.ok ? 200 : 503 });
}
