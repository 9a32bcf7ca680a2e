import { apiRoute } from "@/lib/server/api/route";
import { meSpec } from "@/lib/server/api/specs/me";
import { ROLE_PERMISSIONS } from "@/lib/server/authz/permissions";

export const GET = apiRoute(meSpec, async ({ user }) => ({
  body: { data: { id: user.id, email: user.email, name: user.name, role: user.role, permissions: [...ROLE_PERMISSIONS[user.role]] } },
}));
