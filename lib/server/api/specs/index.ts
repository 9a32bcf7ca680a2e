import type { TApiSpec } from "../spec";
import { meSpec } from "./me";
import { createPolicyDraftSpec, listPoliciesSpec, publishPolicySpec } from "./policies";

/** Every /api/v1 operation. The OpenAPI document is generated from this list. */
export const API_SPECS: TApiSpec[] = [meSpec, listPoliciesSpec, createPolicyDraftSpec, publishPolicySpec];
