import { basename } from "node:path";
import { HubspokeError, IoError } from "../errors.js";
import type { Scenario } from "../scenario/schema.js";
import { parseScenario } from "../scenario/parse-scenario.js";
import { readJsonFile } from "./inputs.js";

/** Read and validate scenario JSON files; errors name the file and the field (`close-x.json:changes[0].siteId`). */
export async function readScenarios(paths: readonly string[]): Promise<Scenario[]> {
  const out: Scenario[] = [];
  for (const path of paths) {
    const value = await readJsonFile("hubspoke", path);
    try {
      out.push(parseScenario(value));
    } catch (error) {
      if (!(error instanceof HubspokeError)) throw error;
      const file = basename(path);
      const issues = error.issues.map((i) => ({ path: i.path === "" ? file : `${file}:${i.path}`, message: i.message }));
      throw new IoError(file, error.message, issues, { cause: error });
    }
  }
  const seen = new Set<string>();
  for (const [k, s] of out.entries()) {
    if (seen.has(s.id)) throw new IoError("hubspoke", `${basename(paths[k])}: scenario id "${s.id}" is used by an earlier file. Give each scenario its own id.`, [{ path: `${basename(paths[k])}:id`, message: `duplicate scenario id "${s.id}"` }]);
    seen.add(s.id);
  }
  return out;
}
