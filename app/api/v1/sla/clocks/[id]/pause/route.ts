import { apiRoute } from "@/lib/server/api/route";
import { pauseClockSpec } from "@/lib/server/api/specs/sla-clocks";
import { setClockPaused } from "@/lib/server/sla/set-clock-paused";

export const POST = apiRoute(pauseClockSpec, async ({ user, params, body }) => ({ body: { data: await setClockPaused({ actor: user, clockId: params.id, pause: true, input: body }) } }));
