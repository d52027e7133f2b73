// Guard rails for the layout described in docs/architecture.md: imports go down the layer order,
// analyses never import each other, nobody reaches into another domain's `internal/`, and
// functions stay short enough to read in one screen. Parsed with the TypeScript compiler API.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const SRC = join(ROOT, "src");

/**
 * Layer of each top-level part of `src/`: a file may import from its own part or a lower
 * layer. The four analyses share a layer and may not import each other.
 */
const LAYER: Readonly<Record<string, number>> = {
  internal: 0,
  "errors.ts": 0,
  model: 1,
  network: 2,
  "kent-medway": 3, // the bundled data: model + network (speed profile)
  routing: 4,
  node: 5, // Node-only routing entry (worker threads)
  access: 6,
  catchment: 6,
  capacity: 6,
  optimise: 6,
  highs: 7, // optional exact MILP entry (hubspoke/highs): loads the HiGHS solver for optimise
  scenario: 7,
  io: 8,
  cli: 9,
  "index.ts": 10,
};
const ANALYSES = new Set(["access", "catchment", "capacity", "optimise"]);

/**
 * Functions allowed, for now, to be longer than 120 lines or take more than 8 positional
 * parameters: today's offenders in files other work is changing. Remove an entry once its
 * function is split (the "stale entries" test below says when).
 */
const ALLOWED: ReadonlySet<string> = new Set([
]);
const MAX_LINES = 120;
const MAX_PARAMETERS = 8;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return sourceFiles(path);
      return name.endsWith(".ts") && !name.endsWith(".d.ts") ? [path] : [];
    });
}

const FILES = sourceFiles(SRC).map((path) => {
  const rel = relative(SRC, path).split("\\").join("/");
  return { path, rel, source: ts.createSourceFile(path, readFileSync(path, "utf8"), ts.ScriptTarget.Latest, true) };
});

/** True for `import type …` / `export type … from`, or when every named binding is `type`. */
function isTypeOnly(node: ts.ImportDeclaration | ts.ExportDeclaration): boolean {
  if (ts.isExportDeclaration(node)) {
    if (node.isTypeOnly) return true;
    const clause = node.exportClause;
    return clause !== undefined && ts.isNamedExports(clause) && clause.elements.length > 0 && clause.elements.every((e) => e.isTypeOnly);
  }
  const clause = node.importClause;
  if (clause === undefined) return false;
  if (clause.isTypeOnly) return true;
  const named = clause.namedBindings;
  return clause.name === undefined && named !== undefined && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly);
}

/** Every module a file names (static imports, re-exports, `import("…")`), and whether only types come through. */
function imports(sf: ts.SourceFile): { spec: string; typeOnly: boolean }[] {
  const out: { spec: string; typeOnly: boolean }[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      out.push({ spec: node.moduleSpecifier.text, typeOnly: isTypeOnly(node) });
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const arg = node.arguments[0];
      if (arg !== undefined && ts.isStringLiteralLike(arg)) out.push({ spec: arg.text, typeOnly: false });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** Top-level part of a path relative to `src/`: its first folder, or the file name at the root. */
function partOf(rel: string): string {
  return rel.split("/")[0];
}

/** The domain whose private `internal/` a path lies in (`capacity` for `capacity/internal/x.ts`), if any. */
function internalOwner(rel: string): string | undefined {
  const parts = rel.split("/");
  const k = parts.indexOf("internal");
  return k > 0 ? parts.slice(0, k).join("/") : undefined;
}

/**
 * Why an import from `from` (relative to src) of `to` breaks the layering, or undefined.
 * Types from `model/` may be imported from anywhere (they carry no code).
 */
function importViolation(from: string, to: string, typeOnly = false): string | undefined {
  const a = partOf(from);
  const b = partOf(to);
  if (typeOnly && b === "model") return undefined;
  if (a === b) {
    const owner = internalOwner(to);
    return owner !== undefined && !from.startsWith(`${owner}/`) ? `reaches into ${owner}/internal/` : undefined;
  }
  const la = LAYER[a];
  const lb = LAYER[b];
  if (la === undefined) return `src/${a} has no layer: add it to LAYER in tests/architecture.test.ts and to docs/architecture.md`;
  if (lb === undefined) return `src/${b} has no layer: add it to LAYER in tests/architecture.test.ts and to docs/architecture.md`;
  if (ANALYSES.has(a) && ANALYSES.has(b)) return `imports sideways between analyses (${a} → ${b}); move the shared code down to internal/ or model/`;
  if (lb > la) return `imports up the layer order (${a} → ${b})`;
  const owner = internalOwner(to);
  if (owner !== undefined) return `reaches into ${owner}/internal/ (import the domain's index.ts, or move the helper to src/internal/)`;
  return undefined;
}

function importProblems(): string[] {
  const problems: string[] = [];
  for (const { path, rel, source } of FILES) {
    for (const { spec, typeOnly } of imports(source)) {
      if (!spec.startsWith(".")) continue;
      const target = relative(SRC, resolve(dirname(path), spec)).split("\\").join("/").replace(/\.js$/, ".ts");
      if (target.startsWith("..")) continue; // package.json, fixtures
      const why = importViolation(rel, target, typeOnly);
      if (why !== undefined) problems.push(`src/${rel} imports "${spec}": ${why}`);
    }
  }
  return problems;
}

/** Name of a function node: its own, its variable's or its property's; `<anonymous>` otherwise. */
function functionName(node: ts.FunctionLikeDeclaration, sf: ts.SourceFile): string {
  if (node.name !== undefined) return node.name.getText(sf);
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) return parent.name.getText(sf);
  return "<anonymous>";
}

interface FunctionSize {
  readonly key: string;
  readonly lines: number;
  readonly parameters: number;
}

function functionSizes(): FunctionSize[] {
  const out: FunctionSize[] = [];
  for (const { rel, source } of FILES) {
    const visit = (node: ts.Node): void => {
      if (ts.isFunctionLike(node) && "body" in node && node.body !== undefined) {
        const fn = node as ts.FunctionLikeDeclaration;
        const start = source.getLineAndCharacterOfPosition(fn.getStart(source)).line;
        const end = source.getLineAndCharacterOfPosition(fn.getEnd()).line;
        out.push({ key: `${rel}:${functionName(fn, source)}`, lines: end - start + 1, parameters: fn.parameters.length });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return out;
}

describe("architecture", () => {
  it("finds the source files and their imports", () => {
    expect(FILES.length).toBeGreaterThan(50);
    expect(FILES.some((f) => f.rel === "scenario/evaluate.ts")).toBe(true);
    const evaluate = FILES.find((f) => f.rel === "scenario/evaluate.ts");
    expect(imports(evaluate!.source).map((i) => i.spec)).toContain("../errors.js");
  });

  it("imports go down the layer order, never sideways between analyses or into another domain's internal/", () => {
    expect(importProblems()).toEqual([]);
  });

  it("the rule itself rejects sideways, upward and internal imports and accepts downward ones", () => {
    expect(importViolation("catchment/huff-catchments.ts", "access/decay.ts")).toMatch(/sideways/);
    expect(importViolation("routing/kernel.ts", "scenario/evaluate.ts")).toMatch(/up the layer order/);
    expect(importViolation("scenario/evaluate.ts", "capacity/internal/values.ts")).toMatch(/capacity\/internal/);
    expect(importViolation("capacity/staff-travel.ts", "capacity/internal/values.ts")).toBeUndefined();
    expect(importViolation("catchment/huff-catchments.ts", "internal/align.ts")).toBeUndefined();
    expect(importViolation("scenario/evaluate.ts", "capacity/index.ts")).toBeUndefined();
    expect(importViolation("io/render-svg-map.ts", "model/types.ts")).toBeUndefined();
    expect(importViolation("newdomain/x.ts", "model/types.ts")).toMatch(/no layer/);
    expect(importViolation("internal/align.ts", "model/types.ts")).toMatch(/up the layer order/);
    expect(importViolation("internal/align.ts", "model/types.ts", true)).toBeUndefined();
    expect(importViolation("internal/align.ts", "routing/types.ts", true)).toMatch(/up the layer order/);
  });

  it(`no function is longer than ${MAX_LINES} lines or takes more than ${MAX_PARAMETERS} positional parameters (outside the allow-list)`, () => {
    const offenders = functionSizes()
      .filter((f) => (f.lines > MAX_LINES || f.parameters > MAX_PARAMETERS) && !ALLOWED.has(f.key))
      .map((f) => `src/${f.key}: ${f.lines} lines, ${f.parameters} parameters; split it at its phases / pass an argument object`);
    expect(offenders).toEqual([]);
  });

  it("the allow-list has no stale entries (shrink it when a function is split)", () => {
    const sizes = functionSizes();
    const stale = [...ALLOWED].filter((key) => !sizes.some((f) => f.key === key && (f.lines > MAX_LINES || f.parameters > MAX_PARAMETERS)));
    expect(stale.map((key) => `${key} is within limits now: remove it from ALLOWED in tests/architecture.test.ts`)).toEqual([]);
  });
});
