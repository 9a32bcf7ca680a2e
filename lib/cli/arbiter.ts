// `npm run arbiter -- <command>`: operations for admins and scripts.
import { parseArgs } from "node:util";
import { IMPORT_HELP } from "./import";

const HELP = `Usage: npm run arbiter -- <command> [options]

Commands:
  migrate                                   apply pending database migrations
  seed [--scale N] [--reset] [--force]      load the demo organisation into an empty database
                                            (--reset empties a database that has data first;
                                             --force allows an environment marked production)
  user:create --email E --name N --role R [--password P] [--timezone TZ]
                                            create a user (password prompted from ARBITER_NEW_PASSWORD if not given)
  apikey:create --email E [--name N]        create an API key for a user; the key is printed once
  verify-log [--anchors FILE]               seal the committed decision-log entries, re-walk the hash chain, name the first broken entry;
                                            with --anchors, also check the chain heads published earlier (JSON lines, ADR 0030)
  log:anchor [--append FILE]                print the chain's head as an anchor (one JSON line) to keep outside the database;
                                            --append also adds it to FILE
${IMPORT_HELP}

Environment: DATABASE_URL (required), DEMO_PASSWORD (seed).`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === "help" || command === "--help") {
    console.log(HELP);
    return command ? 0 : 1;
  }
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    console.error("DATABASE_URL is not set. Point it at the Arbiter database (npm run dev prints the URL of the embedded one).");
    return 1;
  }
  switch (command) {
    case "migrate": {
      const { applyMigrations } = await import("./db/apply-migrations");
      const { applied } = await applyMigrations(databaseUrl, { log: (m) => console.log(m) });
      console.log(applied.length ? `Applied ${applied.length} migration(s).` : "Database is up to date.");
      return 0;
    }
    case "seed": {
      const { values } = parseArgs({ args: rest, options: { scale: { type: "string" }, force: { type: "boolean" }, reset: { type: "boolean" } } });
      const scale = values.scale ? Number(values.scale) : 1;
      if (!Number.isFinite(scale) || scale <= 0) throw new Error("--scale must be a positive number");
      const { seedDemo } = await import("@/prisma/seed");
      const result = await seedDemo({ databaseUrl, scale, force: values.force ?? false, reset: values.reset ?? false, log: (m) => console.log(m) });
      console.log(result.seeded ? `Seeded in ${result.ms} ms: ${JSON.stringify(result.counts)}` : `Not seeded: ${result.reason} (use --reset to empty it and seed again)`);
      return 0;
    }
    case "user:create": {
      const { values } = parseArgs({
        args: rest,
        options: { email: { type: "string" }, name: { type: "string" }, role: { type: "string" }, password: { type: "string" }, timezone: { type: "string" } },
      });
      const { ZCreateUser } = await import("@/lib/schemas/users");
      const parsed = ZCreateUser.safeParse({ ...values, password: values.password ?? process.env.ARBITER_NEW_PASSWORD, timezone: values.timezone });
      if (!parsed.success) {
        for (const issue of parsed.error.issues) console.error(`--${issue.path.join(".")}: ${issue.message}`);
        return 2;
      }
      const { createUser } = await import("@/lib/server/commands/create-user");
      const user = await createUser({ actor: null, input: parsed.data });
      console.log(`Created ${user.role} ${user.name} <${user.email}> (${user.id})`);
      return 0;
    }
    case "apikey:create": {
      const { values } = parseArgs({ args: rest, options: { email: { type: "string" }, name: { type: "string" } } });
      if (!values.email) {
        console.error("--email is required: the key acts with that user's permissions.");
        return 2;
      }
      const { createApiKey } = await import("@/lib/server/api-keys");
      const created = await createApiKey({ actorId: null, userEmail: values.email, name: values.name ?? "CLI key" });
      console.log(`API key for ${values.email} (shown once, store it now):\n${created.key}`);
      return 0;
    }
    case "verify-log": {
      const { values } = parseArgs({ args: rest, options: { anchors: { type: "string" } } });
      const { verifyLogCommand } = await import("./verify-log");
      return verifyLogCommand({ anchorsFile: values.anchors });
    }
    case "log:anchor": {
      const { values } = parseArgs({ args: rest, options: { append: { type: "string" } } });
      const { anchorCommand } = await import("./verify-log");
      return anchorCommand({ appendTo: values.append });
    }
    case "import": {
      const { importCommand } = await import("./import");
      return importCommand(rest);
    }
    default:
      console.error(`Unknown command "${command}".\n\n${HELP}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
