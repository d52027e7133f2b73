// Scenario changes that edit demand zones.
import { UnknownIdError } from "../../errors.js";
import type { DemandZone } from "../../model/index.js";
import { type ChangeOf, type Draft, invalid, label, WHERE } from "./draft.js";

/** The scaled zone's counts must stay countable: a factor that overflows is the change's fault, named as such. */
function checkScaled(zone: DemandZone, i: number, change: ChangeOf<"scaleDemand">): void {
  const counts: [string, number | undefined][] = [["population", zone.population], ["need", zone.need], ["households", zone.households], ["householdsNoCar", zone.householdsNoCar], ...Object.entries(zone.ageBands ?? {})];
  for (const [name, v] of counts) {
    if (v === undefined) continue;
    const whole = name === "households" || name === "householdsNoCar";
    if (!Number.isFinite(v) || (whole && !Number.isSafeInteger(v))) {
      throw invalid(`changes[${i}].factor`, `${label(i, change)}: factor ${change.factor} scales ${name} of zone "${zone.id}" to ${v}, beyond what can be counted. Use a smaller factor`);
    }
  }
}

/** Scale population (with households and age bands) or need, optionally in some districts only. */
export function scaleDemand(draft: Draft, change: ChangeOf<"scaleDemand">, i: number): void {
  const at = `changes[${i}]`;
  const zones = draft.editableZones();
  let wanted: Set<string> | undefined;
  if (change.districts !== undefined) {
    const known = new Set<string>();
    for (const z of zones) if (z.district !== undefined) known.add(z.district);
    change.districts.forEach((d, n) => {
      if (!known.has(d)) {
        const list = [...known].slice(0, 20).map((x) => `"${x}"`).join(", ") || "none (zones carry no district)";
        throw new UnknownIdError(WHERE, `${label(i, change)}: district`, d, `${at}.districts[${n}]`, `Known districts: ${list}.`);
      }
    });
    wanted = new Set(change.districts);
  }
  const f = change.factor;
  for (let z = 0; z < zones.length; z++) {
    const zone = zones[z];
    if (wanted !== undefined && (zone.district === undefined || !wanted.has(zone.district))) continue;
    if (change.of === "need") {
      zones[z] = { ...zone, need: zone.need * f };
      checkScaled(zones[z], i, change);
      continue;
    }
    const next: DemandZone = { ...zone, population: zone.population * f };
    if (zone.households !== undefined) next.households = Math.round(zone.households * f);
    if (zone.householdsNoCar !== undefined) next.householdsNoCar = Math.round(zone.householdsNoCar * f);
    if (zone.ageBands !== undefined) {
      const bands: Record<string, number> = {};
      for (const [band, n] of Object.entries(zone.ageBands)) bands[band] = n * f;
      next.ageBands = bands;
    }
    checkScaled(next, i, change);
    zones[z] = next;
  }
}
