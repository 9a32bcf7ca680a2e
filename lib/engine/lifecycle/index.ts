// The lifecycle engine: which stage moves the policy allows, and why.
export { planTransition } from "./transitions";
export type { TLifecycleLead, TTransitionPlan, TTransitionRequest } from "./transitions";
