// Scenario changes that edit the assumptions.
import { EN } from "../../internal/zod-locale.js";
import { InvalidInputError, UnknownIdError, formatPath } from "../../errors.js";
import { AssumptionsSchema } from "../../model/index.js";
import { type ChangeOf, type Draft, invalid, label, WHERE } from "./draft.js";

/** Path segments that would walk into or replace an object's prototype. */
const UNSAFE_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

/** Set one assumption by dotted path (own keys only) and re-validate the assumptions. */
export function setAssumption(draft: Draft, change: ChangeOf<"setAssumption">, i: number): void {
  const at = `changes[${i}]`;
  const assumptions = draft.editableAssumptions() as unknown as Record<string, unknown>;
  const keys = change.path.split(".");
  const unsafe = keys.find((key) => UNSAFE_KEYS.has(key));
  if (unsafe !== undefined) {
    throw invalid(`${at}.path`, `${label(i, change)}: "${unsafe}" cannot be an assumption key (it names an object's prototype machinery, not a figure)`);
  }
  let parent: Record<string, unknown> = assumptions;
  for (let n = 0; n < keys.length - 1; n++) {
    const next = Object.hasOwn(parent, keys[n]) ? parent[keys[n]] : undefined;
    if (next === null || typeof next !== "object" || Array.isArray(next)) {
      const known = Object.keys(parent).map((x) => `"${x}"`).join(", ") || "none";
      throw new UnknownIdError(WHERE, `${label(i, change)}: assumption`, keys.slice(0, n + 1).join("."), `${at}.path`, `Known keys there: ${known}.`);
    }
    parent = next as Record<string, unknown>;
  }
  parent[keys[keys.length - 1]] = structuredClone(change.value);
  const checked = AssumptionsSchema.safeParse(assumptions, EN);
  if (!checked.success) {
    throw new InvalidInputError(
      WHERE,
      checked.error.issues.map((issue) => ({
        path: `${at}.value`,
        message: `${label(i, change)} makes assumptions.${formatPath(issue.path)} invalid: ${issue.message}`,
      })),
      { cause: checked.error },
    );
  }
  draft.assumptions = checked.data;
}

/** Set the community contact policy (days between contacts, home-visit share). */
export function setContactPolicy(draft: Draft, change: ChangeOf<"setContactPolicy">, i: number): void {
  const at = `changes[${i}]`;
  if (draft.assumptions.community === undefined) {
    throw invalid(at, `${label(i, change)} needs community assumptions, but network.assumptions.community is missing`);
  }
  const community = draft.editableAssumptions().community!;
  if (change.maxDaysBetweenContacts !== undefined) {
    community.maxDaysBetweenContacts = { value: change.maxDaysBetweenContacts, source: change.source, assumption: true };
  }
  if (change.homeVisitShare !== undefined) {
    community.homeVisitShare = { value: change.homeVisitShare, source: change.source, assumption: true };
  }
}
