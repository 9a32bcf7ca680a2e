// Server actions are public POST endpoints. This walks every source file and fails when an
// exported server action does not go through the one wrapper (defineAction /
// definePublicAction), or when an inline "use server" function bypasses it.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SOURCE_DIRS = ["app", "components", "lib"];
const WRAPPERS = new Set(["defineAction", "definePublicAction"]);

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (name === "generated" || name === "node_modules") continue;
    if (statSync(full).isDirectory()) out.push(...sourceFiles(full));
    else if (/\.(ts|tsx)$/.test(name) && !name.endsWith(".d.ts")) out.push(full);
  }
  return out;
}

function hasUseServerDirective(sf: ts.SourceFile): boolean {
  for (const stmt of sf.statements) {
    if (!ts.isExpressionStatement(stmt) || !ts.isStringLiteral(stmt.expression)) return false;
    if (stmt.expression.text === "use server") return true;
  }
  return false;
}

/** Problems with one "use server" module's exports. */
export function unwrappedExports(sf: ts.SourceFile): string[] {
  const problems: string[] = [];
  for (const stmt of sf.statements) {
    const exported = ts.canHaveModifiers(stmt) && ts.getModifiers(stmt)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (ts.isExportDeclaration(stmt) || ts.isExportAssignment(stmt)) {
      problems.push(`re-export or default export at line ${sf.getLineAndCharacterOfPosition(stmt.getStart()).line + 1}`);
      continue;
    }
    if (!exported) continue;
    if (ts.isVariableStatement(stmt)) {
      for (const decl of stmt.declarationList.declarations) {
        const init = decl.initializer;
        const callee = init && ts.isCallExpression(init) && ts.isIdentifier(init.expression) ? init.expression.text : null;
        if (!callee || !WRAPPERS.has(callee)) problems.push(`${decl.name.getText(sf)} is not created with defineAction/definePublicAction`);
      }
    } else {
      problems.push(`${ts.SyntaxKind[stmt.kind]} export at line ${sf.getLineAndCharacterOfPosition(stmt.getStart()).line + 1} bypasses the action wrapper`);
    }
  }
  return problems;
}

/** Inline "use server" inside a function body creates an action no wrapper guards. */
function inlineServerActions(sf: ts.SourceFile): number[] {
  const lines: number[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isBlock(node) && node.parent && ts.isFunctionLike(node.parent)) {
      const first = node.statements[0];
      if (first && ts.isExpressionStatement(first) && ts.isStringLiteral(first.expression) && first.expression.text === "use server") {
        lines.push(sf.getLineAndCharacterOfPosition(first.getStart()).line + 1);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return lines;
}

const parse = (file: string, text = readFileSync(file, "utf8")) =>
  ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);

describe("server actions", () => {
  const files = SOURCE_DIRS.flatMap((d) => sourceFiles(path.join(ROOT, d)));
  const actionFiles = files.filter((f) => hasUseServerDirective(parse(f)));

  it("finds the action modules", () => {
    expect(actionFiles.length).toBeGreaterThanOrEqual(3);
  });

  it("exports only wrapped actions", () => {
    const problems = actionFiles.flatMap((f) => unwrappedExports(parse(f)).map((p) => `${path.relative(ROOT, f)}: ${p}`));
    expect(problems).toEqual([]);
  });

  it("has no inline 'use server' functions", () => {
    const found = files.flatMap((f) => inlineServerActions(parse(f)).map((line) => `${path.relative(ROOT, f)}:${line}`));
    expect(found).toEqual([]);
  });

  it("catches an unwrapped export (the check itself works)", () => {
    const bad = parse(
      "bad.ts",
      `"use server";\nexport async function leak() {}\nexport const ok = defineAction({}, async () => 1);\nexport const raw = async () => 2;\nexport { x } from "./y";`,
    );
    expect(unwrappedExports(bad)).toHaveLength(3);
  });
});
