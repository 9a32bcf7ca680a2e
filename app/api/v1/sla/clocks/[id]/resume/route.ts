import { apiRoute } from "@/lib/server/api/route";
import { resumeClockSpec } from "@/lib/server/api/specs/sla-clocks";
import { setClockPaused } from "@/lib/server/sla/set-clock-paused";

export const POST = apiRoute(resumeClockSpec, async ({ user, params, body }) => ({ body: { data: await setClockPaused({ actor: user, clockId: params.id, pause: false, input: body }) } }));
