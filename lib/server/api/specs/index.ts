import type { TApiSpec } from "../spec";
import { decideExceptionSpec, getExceptionRequestSpec, previewExceptionSpec, submitExceptionSpec } from "./exception-requests";
import { createLeadSpec, getLeadDecisionsSpec, getLeadSpec } from "./leads";
import { meSpec } from "./me";
import { listOpportunitiesSpec } from "./opportunities";
import { changeOpportunityStageSpec } from "./opportunity-stage";
import { previewRoutingSpec } from "./routing";
import { backtestSpec, calibrateSpec } from "./scoring";
import { capacitySpec } from "./sla";
import { pauseClockSpec, resumeClockSpec } from "./sla-clocks";
import { reassignLeadSpec } from "./lead-reassign";
import { batchLeadsSpec, decideMqlSpec, recordLeadActivitiesSpec } from "./lead-writes";
import { getRoutingSimulationSpec, simulateRoutingSpec } from "./routing-policies";
import { checkAnchorsSpec, getChainHeadSpec } from "./decision-log";
import { createPolicyDraftSpec, exportPolicySpec, importPolicySpec, lintPolicySpec, listPoliciesSpec, publishPolicySpec } from "./policies";

/** Every /api/v1 operation. The OpenAPI document is generated from this list. */
export const API_SPECS: TApiSpec[] = [meSpec, listPoliciesSpec, createPolicyDraftSpec, publishPolicySpec, listOpportunitiesSpec, previewExceptionSpec, capacitySpec, createLeadSpec, getLeadSpec, getLeadDecisionsSpec, backtestSpec, calibrateSpec, previewRoutingSpec, submitExceptionSpec, getExceptionRequestSpec, decideExceptionSpec, lintPolicySpec, exportPolicySpec, importPolicySpec, reassignLeadSpec, batchLeadsSpec, recordLeadActivitiesSpec, decideMqlSpec, simulateRoutingSpec, getRoutingSimulationSpec, pauseClockSpec, resumeClockSpec, changeOpportunityStageSpec, getChainHeadSpec, checkAnchorsSpec];
