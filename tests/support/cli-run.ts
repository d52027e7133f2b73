// Run the CLI the way a user does, and collect its output: in-process through `runCli` (fast,
// the default for tests), or as a child process of the built bin (one smoke test per concern).
import { spawn } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { runCli } from "../../src/cli/program.js";
import type { ServiceNetwork } from "../../src/model/types.js";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** A writable stand-in that keeps what is written (as a non-terminal stream would receive it). */
function capture(): { stream: NodeJS.WritableStream; text: () => string } {
  const chunks: string[] = [];
  const stream = {
    isTTY: false,
    write(chunk: string | Uint8Array, encodingOrCallback?: unknown, callback?: unknown): boolean {
      chunks.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
      const cb = typeof encodingOrCallback === "function" ? encodingOrCallback : callback;
      if (typeof cb === "function") (cb as () => void)();
      return true;
    },
  };
  return { stream: stream as unknown as NodeJS.WritableStream, text: () => chunks.join("") };
}

// The bundled network, decoded once per test worker (1.2 s of CPU each time otherwise); the
// CLI never mutates the network it is given (scenarios copy before they change anything).
let bundled: Promise<ServiceNetwork> | undefined;
const loadBundled = (): Promise<ServiceNetwork> => (bundled ??= import("../../src/kent-medway/index.js").then((m) => m.kentMedway()));

/** Run `hubspoke <args>` in this process (as `runCli` from the bin does); never spawns. */
export async function runCliInProcess(args: string[], options: { loadBundled?: () => Promise<ServiceNetwork> } = {}): Promise<CliRun> {
  const out = capture();
  const err = capture();
  const code = await runCli(args, { stdout: out.stream, stderr: err.stream }, { loadBundled: options.loadBundled ?? loadBundled });
  return { code, stdout: out.text(), stderr: err.text() };
}

/** Path of the built bin (`npm run build`, which `npm test` runs first). */
export const builtCli = resolve(repoRoot, "dist/cli/index.js");

/** Spawn the built bin `node dist/cli/index.js <args>` as a user's shell would. */
export function runCliProcess(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<CliRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [builtCli, ...args], {
      cwd: options.cwd ?? repoRoot,
      env: { ...process.env, ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolvePromise({ code: code ?? -1, stdout, stderr }));
  });
}
