// The routing engine: ROE matrix → owner, with the explanation reps and RevOps read.
// Semantics: docs/decisions/0004-routing-semantics.md.
export { route, firstMatchingRow, type TRouteResult, type TRoutingContext, type TRouteOptions, type TAssignee } from "./route";
export { RoutingExplanation, type TExplanationJson, type TRowMiss, type TFellThrough, type TSkippedInPool, type TRowRef } from "./explain";
export { deriveFacts, factGetter, regionOfCountry, segmentOfEmployees, COUNTRY_REGION, type TRoutingLead, type TRoutingAccount } from "./facts";
export { compileMatrix, type TCompiledMatrix } from "./compile";
export { pickFromPool, type TPoolPick } from "./pick";
export { checkMember, isWithinWorkingHours, type TDirectory, type TDirectoryUser, type TAbsence, type TSkipReason, type TSkippedMember } from "./availability";
export { applyPoolDelta, emptyPoolState, emptyMemberState, type TPoolState, type TPoolMemberState, type TPoolStateDelta } from "./pool-state";
export { localTime, type TLocalTime } from "./local-time";
export { lintRoutingPolicy, alwaysAssigns, type TLintCode, type TLintIssue, type TLintResult, type TLintOptions } from "./lint";
export { replayRouting, summariseSimulation, simulationAccumulator, assigneeKey, type TSimulationLead, type TSimulationOutcome, type TSimulationSummary, type TLoadRow, type TAssigneeKey } from "./simulate";
