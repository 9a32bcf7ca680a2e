import "server-only";
import { erlangC } from "@/lib/engine/capacity/erlang-c";
import type { TCapacityInputBody } from "@/lib/schemas/sla-capacity";
import { validationError } from "../errors";

/** The capacity model as the API and the page show it: unstable plans are an answer, not an error. */
export function planCapacity(input: TCapacityInputBody) {
  const offeredLoad = (input.arrivalsPerHour / 60) * input.handleMinutes;
  const result = erlangC(input);
  if (result.ok) {
    return {
      stable: true,
      serviceLevel: result.serviceLevel,
      probabilityOfWaiting: result.probabilityOfWaiting,
      averageSpeedOfAnswerMinutes: result.averageSpeedOfAnswerMinutes,
      agentsForTarget: result.agentsForTarget,
      offeredLoad: result.offeredLoad,
      occupancy: result.occupancy,
      reasons: result.reasons,
    };
  }
  if (result.agentsForTarget === undefined) throw validationError(result.error);
  return { stable: false, serviceLevel: 0, probabilityOfWaiting: 1, averageSpeedOfAnswerMinutes: null, agentsForTarget: result.agentsForTarget, offeredLoad, occupancy: null, reasons: [result.error] };
}
