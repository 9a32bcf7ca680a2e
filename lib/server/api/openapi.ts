import { z } from "zod";
import { API_SPECS } from "./specs";
import type { TApiSpec } from "./spec";

// OpenAPI 3.1 uses JSON Schema 2020-12, which zod 4 emits natively: the document is built
// from the same zod schemas the handlers validate with, so it cannot drift from them.
const toSchema = (schema: z.ZodType, io: "input" | "output") =>
  z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" }) as Record<string, unknown>;

export function buildOpenApiDocument(options: { serverUrl?: string } = {}) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of API_SPECS) {
    (paths[spec.path] ??= {})[spec.method.toLowerCase()] = operation(spec);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Arbiter API",
      version: "1",
      description:
        "Deal desk and rules-of-engagement governance. Authenticate with `Authorization: Bearer <api key>`; a key acts with its user's permissions. Writes accept an `Idempotency-Key` header. Errors are `{error: {code, message, fields?}}`.",
    },
    servers: options.serverUrl ? [{ url: options.serverUrl }] : [],
    components: { securitySchemes: { apiKey: { type: "http", scheme: "bearer", description: "Arbiter API key (arb_…)" } } },
    paths,
  };
}

function operation(spec: TApiSpec) {
  const parameters: unknown[] = [];
  const templateNames = [...spec.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  if (spec.params) {
    // Route folders share one segment name ([ref]); the document uses the meaningful name.
    const shape = toSchema(spec.params, "input") as { properties?: Record<string, unknown> };
    const schemas = Object.values(shape.properties ?? {});
    templateNames.forEach((name, i) => parameters.push({ name, in: "path", required: true, schema: schemas[i] ?? { type: "string" } }));
  }
  if (spec.query) {
    const shape = toSchema(spec.query, "input") as { properties?: Record<string, unknown>; required?: string[] };
    for (const [name, schema] of Object.entries(shape.properties ?? {})) {
      parameters.push({ name, in: "query", required: shape.required?.includes(name) ?? false, schema });
    }
  }
  if (spec.method === "POST" && (spec.idempotent ?? true)) {
    parameters.push({ name: "Idempotency-Key", in: "header", required: false, schema: { type: "string", minLength: 8, maxLength: 200 }, description: "Replays with the same key return the first response; a request that changed data is never applied twice under its key" });
  }
  const responses = Object.fromEntries(
    Object.entries(spec.responses).map(([status, r]) => [
      status,
      { description: r.description, ...(r.schema ? { content: { "application/json": { schema: toSchema(r.schema, "output") } } } : {}) },
    ]),
  );
  return {
    operationId: spec.operationId,
    summary: spec.summary,
    tags: spec.tags,
    security: [{ apiKey: [] }],
    "x-arbiter-permission": spec.permission,
    ...(parameters.length ? { parameters } : {}),
    ...(spec.body ? { requestBody: { required: true, content: { "application/json": { schema: toSchema(spec.body, "input") } } } } : {}),
    responses,
  };
}
