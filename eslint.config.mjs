import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// Boundaries that keep the architecture from eroding:
// - engines are pure: no database, framework, server code or clock libraries;
// - only lib/server/env.ts reads process.env (CLI entry points, tests and config files excepted).
const config = [
  ...nextVitals,
  ...nextTs,
  { ignores: ["lib/generated/**", ".next/**", "node_modules/**", "test-results/**", "playwright-report/**", ".data/**", "next-env.d.ts"] },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "Read configuration through lib/server/env.ts." }],
    },
  },
  {
    files: ["lib/server/env.ts", "instrumentation.ts", "lib/cli/**", "prisma/seed/**", "test/**", "e2e/**", "bench/**", "**/*.test.ts", "*.config.ts", "*.config.mjs", "prisma.config.ts"],
    rules: { "no-restricted-properties": "off" },
  },
  {
    files: ["lib/engine/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/lib/server/*", "@/lib/server", "**/server/**"], message: "Engines are pure: pass data in, return results with reasons." },
            { group: ["@prisma/*", "@/lib/generated/*", "pg", "pg-boss"], message: "Engines never touch the database." },
            { group: ["next", "next/*", "react", "react-dom", "next-auth", "next-auth/*"], message: "Engines know nothing of the framework." },
          ],
        },
      ],
      "no-restricted-syntax": [
        "error",
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: "Engines take the time as a parameter." },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: "Engines take the time as a parameter." },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: "Engines are deterministic; take ids and randomness as parameters." },
      ],
    },
  },
];

export default config;
