// `npm run bench`: runs every bench/*.bench.ts in its own process, one after another, so
// one benchmark's heap and JIT state never colours another's figures.
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
for (const f of files) {
  process.stdout.write(`\n=== ${f} ===\n`);
  execFileSync(process.execPath, ["--import", "tsx", "--expose-gc", join(here, f)], { stdio: "inherit" });
}
