// Disposable embedded Postgres servers (tests, migration authoring): a fresh directory
// under /var/tmp, reachable by the `postgres` OS user whatever the checkout's permissions,
// on a free port, deleted on stop(). Directories left by killed runs are cleaned up by
// the next one.
import fs from "node:fs";
import path from "node:path";
import { mkdirTraversable } from "./data-dir";
import { startEmbeddedPostgres, type EmbeddedPostgres, type EmbeddedPostgresOptions } from "./embedded";
import { findFreePort } from "./port";
import { clearStaleServer, isAlive } from "./stale-server";

const BASE = "/var/tmp";

/** Removes `<prefix>-<pid>-*` directories whose creating process is gone (stopping an orphaned server first). */
async function removeAbandoned(prefix: string, log: (m: string) => void): Promise<void> {
  const pattern = new RegExp(`^${prefix.replace(/[^a-z0-9-]/gi, "")}-(\\d+)-[a-z0-9]+$`);
  for (const entry of fs.readdirSync(BASE)) {
    const pid = Number(pattern.exec(entry)?.[1]);
    if (!pid || pid === process.pid || isAlive(pid)) continue;
    const dir = path.join(BASE, entry);
    try {
      await clearStaleServer(path.join(dir, "pg"), log);
      fs.rmSync(dir, { recursive: true, force: true });
      log(`removed ${dir} left by an earlier run (pid ${pid})`);
    } catch (e) {
      log(`could not clean up ${dir}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}

export async function startThrowawayPostgres(
  opts: Omit<EmbeddedPostgresOptions, "dataDir" | "port" | "ephemeral"> & { prefix?: string } = {},
): Promise<EmbeddedPostgres> {
  const prefix = opts.prefix ?? "arbiter-tmp";
  const log = opts.log ?? (() => {});
  await removeAbandoned(prefix, log);
  const parent = path.join(BASE, `${prefix}-${process.pid}-${Date.now().toString(36)}`);
  mkdirTraversable(parent);
  try {
    let server: EmbeddedPostgres | undefined;
    for (let attempt = 1; !server; attempt++) {
      const port = await findFreePort();
      try {
        server = await startEmbeddedPostgres({ ...opts, dataDir: path.join(parent, "pg"), port, ephemeral: true });
      } catch (e) {
        // Another process may take the port between our probe and the server's bind.
        if (attempt >= 3 || !(e instanceof Error && e.message.includes(`ort ${port}`))) throw e;
      }
    }
    const started = server;
    return {
      ...started,
      async stop() {
        await started.stop();
        fs.rmSync(parent, { recursive: true, force: true });
      },
    };
  } catch (e) {
    fs.rmSync(parent, { recursive: true, force: true });
    throw e;
  }
}
