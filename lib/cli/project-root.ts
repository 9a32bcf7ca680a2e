// The repository root, found from this file's location (lib/cli/), so CLI scripts work
// from any working directory.
import path from "node:path";
import { fileURLToPath } from "node:url";

export function projectRoot(): string {
  return path.resolve(fileURLToPath(new URL("../..", import.meta.url)));
}
