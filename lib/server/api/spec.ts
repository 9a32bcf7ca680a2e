import type { z } from "zod";
import type { TAction } from "../authz/permissions";

/** One REST operation, declared once: the route handler and the OpenAPI document both read it. */
export type TApiSpec<P extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType, B extends z.ZodType = z.ZodType> = {
  operationId: string;
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** OpenAPI path template, e.g. /api/v1/policies/{kind}. */
  path: string;
  summary: string;
  tags: string[];
  /** Every /api/v1 operation needs an API key whose user holds this permission. */
  permission: TAction;
  params?: P;
  query?: Q;
  body?: B;
  responses: Record<number, { description: string; schema?: z.ZodType }>;
  /** Writes honour Idempotency-Key (default: true for POST). */
  idempotent?: boolean;
};

export function defineApiSpec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(spec: TApiSpec<P, Q, B>): TApiSpec<P, Q, B> {
  return spec;
}
