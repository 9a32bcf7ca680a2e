import "server-only";
import type { TRoutingPolicy } from "@/lib/schemas/policies/routing";

export type TPlacement = { ownerId: string | null; queueTeamId: string | null; reasons: string[] };

/**
 * Where intake puts a lead until the routing engine is wired into intake: the routing
 * matrix's fallback row (which must always assign), said plainly in the explanation.
 * This is the one place intake decides ownership, so routing replaces exactly this step.
 */
export function placeByFallbackRow(matrix: TRoutingPolicy): TPlacement {
  const fallback = matrix.rows[matrix.rows.length - 1]!;
  const label = fallback.label ?? fallback.id;
  const action = fallback.action;
  if (action.type === "QUEUE") return { ownerId: null, queueTeamId: action.teamId, reasons: [`Placed in the team queue of the fallback row "${label}": routing by the full matrix is not yet part of intake`] };
  if (action.type === "USER") return { ownerId: action.userId, queueTeamId: null, reasons: [`Assigned by the fallback row "${label}": routing by the full matrix is not yet part of intake`] };
  return { ownerId: null, queueTeamId: null, reasons: [`The fallback row "${label}" needs the routing engine (${action.type}); the lead waits unassigned for routing`] };
}
