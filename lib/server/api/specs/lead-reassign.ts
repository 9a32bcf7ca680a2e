import { z } from "zod";
import { ZReassignLead } from "@/lib/schemas/lead-reassign";
import { defineApiSpec } from "../spec";
import { writeErrorResponses } from "./common";

export const reassignLeadSpec = defineApiSpec({
  operationId: "reassignLead",
  method: "POST",
  path: "/api/v1/leads/{id}/reassign",
  summary: "Override routing: give a lead to another rep or manager with a reason (managers: their team's leads; RevOps: any). Logged and notified",
  tags: ["leads"],
  permission: "leads.reassign",
  params: z.object({ ref: z.string().uuid("Lead id must be a UUID") }),
  body: ZReassignLead,
  responses: {
    200: { description: "Reassigned", schema: z.object({ data: z.object({ leadId: z.string().uuid(), ownerId: z.string().uuid(), previousOwnerId: z.string().uuid().nullable() }) }) },
    404: { description: "No such lead the caller may reassign" },
    ...writeErrorResponses,
  },
});
