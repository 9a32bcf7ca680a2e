import { apiRoute } from "@/lib/server/api/route";
import { calibrateSpec } from "@/lib/server/api/specs/scoring";
import { runCalibration } from "@/lib/server/queries/run-calibration";

export const POST = apiRoute(calibrateSpec, async ({ body }) => ({ body: { data: await runCalibration(body) } }));
