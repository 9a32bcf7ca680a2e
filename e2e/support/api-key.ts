import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

// The e2e server creates one API key for the demo RevOps user (specs that call /api/v1 as a
// client would) and leaves it in a file only this machine's test run reads.
export const apiKeyFile = (port: number) => path.join(os.tmpdir(), `arbiter-e2e-${port}-revops.key`);

export function revopsApiKey(): string {
  return readFileSync(apiKeyFile(Number(process.env.E2E_PORT ?? 3100)), "utf8").trim();
}
