import { z } from "zod";
import { ROLES } from "@/lib/schemas/users";
import { defineApiSpec } from "../spec";
import { errorResponses } from "./common";

export const meSpec = defineApiSpec({
  operationId: "getMe",
  method: "GET",
  path: "/api/v1/me",
  summary: "The user this API key acts as, and what that user may do",
  tags: ["identity"],
  permission: "app.use",
  responses: {
    200: {
      description: "The key's user",
      schema: z.object({
        data: z.object({ id: z.string().uuid(), email: z.string(), name: z.string(), role: z.enum(ROLES), permissions: z.array(z.string()) }),
      }),
    },
    ...errorResponses,
  },
});
