// `hubspoke` command-line entry (bin). Built to dist/cli/index.js with a shebang.
import { runCli } from "./program.js";

const code = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
process.exitCode = code;
