import type { TClockId } from "@/lib/schemas/policies/sla";
import type { TDecisionEntry } from "../decision-log";

export const CLOCK_SUBJECT_TYPES = ["LEAD", "APPROVAL_STEP", "OPPORTUNITY"] as const;
export type TClockSubjectType = (typeof CLOCK_SUBJECT_TYPES)[number];

/** One clock to start; see startClocks. */
export type TClockStart = {
  kind: TClockId;
  subjectType: TClockSubjectType;
  subjectId: string;
  ownerId: string | null;
  teamId: string | null;
  /** The record's region, for TEAM / REGION calendars and REGION_VP escalations. */
  region: string | null;
  /**
   * Overrides a fixed clock's duration; for a relative clock (multiplier in the policy) the
   * reference it multiplies, e.g. an approval stage's SLA in minutes.
   */
  targetMinutes?: number;
  reason: string;
};

/** Decision-log entries the caller appends with its own appendDecisions call (last in its transaction). */
export type TClockDecision = TDecisionEntry;

export type TStartedClock = { id: string; kind: string; subjectType: string; subjectId: string; ownerId: string | null; dueAt: Date; targetMinutes: number; calendarKey: string };
