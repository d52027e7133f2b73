import { Command, CommanderError } from "commander";
import { registerCompare } from "./commands/compare.js";
import { registerDemo } from "./commands/demo.js";
import { registerEvaluate } from "./commands/evaluate.js";
import { registerInit } from "./commands/init.js";
import { registerIsochrones } from "./commands/isochrones.js";
import { registerMatrix } from "./commands/matrix.js";
import { registerOptimise } from "./commands/optimise.js";
import type { CliIo } from "./context.js";
import { describeFailure, EXIT_BAD_INPUT, EXIT_OK } from "./errors.js";
import type { BundledLoader } from "./inputs.js";
import { VERSION } from "./version.js";

/** How the CLI runs: tests may share one loaded bundled network between runs. */
export interface CliOptions {
  /** Loads the bundled Kent & Medway network (default: import and decode it on first use). */
  readonly loadBundled?: BundledLoader;
}

/** Build the `hubspoke` command tree, writing to the given streams. */
export function createProgram(io: CliIo, options: CliOptions = {}): Command {
  const program = new Command("hubspoke")
    .description("Hub-and-spoke NHS service planning on real roads: travel-time access, catchments, capacity, site optimisation and redesign scenarios.")
    .version(VERSION, "-v, --version")
    .showHelpAfterError("(run with --help for usage)")
    .option("--debug", "on an unexpected failure, print the stack trace too")
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .exitOverride();
  // The bundled network is imported only when a command needs it (it is 1.6 MB).
  const bundled = options.loadBundled ?? (async () => (await import("../kent-medway/index.js")).kentMedway());
  registerDemo(program, io, bundled);
  registerEvaluate(program, io, bundled);
  registerCompare(program, io, bundled);
  registerMatrix(program, io, bundled);
  registerOptimise(program, io, bundled);
  registerIsochrones(program, io, bundled);
  registerInit(program, io);
  for (const c of program.commands) c.exitOverride().configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) }).showHelpAfterError("(run with --help for usage)");
  program.addHelpText("after", "\nExit codes: 0 ok, 1 runtime failure, 2 bad input (a path, a file's format or content, an option, or an input too large; the message names the file, row and field).\nRun 'hubspoke <command> --help' for a command's options.");
  return program;
}

/** Run the CLI; resolves to the exit code (never calls process.exit). */
export async function runCli(argv: readonly string[], io: CliIo, options: CliOptions = {}): Promise<number> {
  const program = createProgram(io, options);
  try {
    await program.parseAsync([...argv], { from: "user" });
    return EXIT_OK;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === "commander.helpDisplayed" || error.code === "commander.version" || error.code === "commander.help") return EXIT_OK;
      return EXIT_BAD_INPUT; // usage errors: commander already printed the message
    }
    const { code, message } = describeFailure(error, argv.includes("--debug"));
    io.stderr.write(`${message}\n`);
    return code;
  }
}
