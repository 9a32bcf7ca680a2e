import { readFileSync } from "node:fs";
import path from "node:path";

/**
 * The id Next gave an exported server action in the current build. Browsers only learn the
 * ids of actions on pages they may render, so a test that calls one directly plays an
 * attacker who got the id anyway.
 */
export function serverActionId(file: string, exportName: string): string {
  const manifest = JSON.parse(readFileSync(path.join(".next", "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { filename?: string; exportedName?: string }>;
  };
  const match = Object.entries(manifest.node).find(([, entry]) => entry.exportedName === exportName && (entry.filename ?? "").includes(file));
  if (!match) throw new Error(`No server action ${exportName} from ${file} in the build manifest`);
  return match[0];
}
