import type { Role } from "@/lib/generated/prisma/enums";

/** The signed-in user as every command sees it: always loaded from the database, never from input. */
export type TSessionUser = {
  id: string;
  email: string;
  name: string;
  role: Role;
  teamId: string | null;
  managerId: string | null;
  timezone: string;
};

export const SESSION_USER_SELECT = {
  id: true,
  email: true,
  name: true,
  role: true,
  teamId: true,
  managerId: true,
  timezone: true,
} as const;
