// Internal: OSM ways + node coordinates → drivable road LineStrings for buildRoadGraph.
import type { Feature, FeatureCollection, LineString } from "geojson";
import * as z from "zod/mini";
import { parseMaxspeed } from "../network/build-road-graph.js";
import { DEFAULT_SPEED_PROFILE } from "../network/speed-profile.js";
import type { Assert, Same } from "../internal/type-checks.js";

/** OSM `highway` values a car can use by default: the classes of the default speed profile. */
export const DRIVABLE_HIGHWAYS: readonly string[] = Object.keys(DEFAULT_SPEED_PROFILE).filter((k) => k !== "minor");

/**
 * The zod (`zod/mini`) schema that checks {@link OsmOptions} at run time; reuse it to validate your own data.
 *
 * @group Schemas
 */
export const OsmOptionsSchema = z.strictObject({
  file: z._default(z.string().check(z.minLength(1)), "roads.osm"),
  /** `highway` values to keep. */
  highways: z._default(z.array(z.string().check(z.minLength(1))).check(z.minLength(1)), [...DRIVABLE_HIGHWAYS]),
  /** Drop ways tagged `access`/`motor_vehicle`/`motorcar` = `no` or `private`. */
  excludePrivate: z._default(z.boolean(), true),
});
export interface OsmOptions {
  /**
   * Name used in messages.
   * @defaultValue `"roads.osm"`
   */
  file?: string;
  /**
   * `highway` values to keep.
   * @defaultValue {@link DRIVABLE_HIGHWAYS}
   */
  highways?: string[];
  /**
   * Drop ways tagged `access`/`motor_vehicle`/`motorcar` = `no` or `private`.
   * @defaultValue `true`
   */
  excludePrivate?: boolean;
}
type OsmOptionsCheck = Assert<Same<OsmOptions, z.input<typeof OsmOptionsSchema>>>;

/** Drivable roads from OpenStreetMap, ready for `buildRoadGraph`. */
export interface OsmRoads {
  /** One LineString per way (split where referenced nodes are missing from the extract). */
  readonly roads: FeatureCollection<LineString, OsmRoadProperties>;
  readonly warnings: string[];
  /** Counts: ways read, ways kept, nodes read. */
  readonly stats: { readonly ways: number; readonly kept: number; readonly nodes: number };
}

export interface OsmRoadProperties {
  /** `way/<osm id>`. */
  id: string;
  highway: string;
  /** `"yes"` (drawn in travel direction; `oneway=-1` ways are reversed) or `"no"`. */
  oneway: "yes" | "no";
  /** The raw OSM tag (`"30 mph"`, `"50"`), when present. */
  maxspeed?: string;
  /** `maxspeed` in km/h as `buildRoadGraph` reads it (`parseMaxspeed`: mph converted, UK national limits), rounded to 0.01. */
  maxspeedKmh?: number;
  name?: string;
  ref?: string;
}

export interface OsmWay {
  readonly id: number;
  readonly refs: readonly number[];
  readonly tags: Readonly<Record<string, string>>;
}

const NO_ACCESS = new Set(["no", "private"]);

export function buildOsmRoads(
  nodes: ReadonlyMap<number, readonly [number, number]>,
  ways: readonly OsmWay[],
  opts: z.output<typeof OsmOptionsSchema>,
): OsmRoads {
  const keep = new Set(opts.highways);
  const features: Feature<LineString, OsmRoadProperties>[] = [];
  let missingRefs = 0;
  let waysWithMissing = 0;
  let kept = 0;
  for (const way of ways) {
    const t = way.tags;
    const highway = t.highway;
    if (highway === undefined || !keep.has(highway) || t.area === "yes") continue;
    if (opts.excludePrivate && (NO_ACCESS.has(t.access ?? "") || NO_ACCESS.has(t.motor_vehicle ?? "") || NO_ACCESS.has(t.motorcar ?? ""))) continue;
    const onewayTag = (t.oneway ?? "").toLowerCase();
    const reverse = onewayTag === "-1" || onewayTag === "reverse";
    const implied = highway === "motorway" || highway === "motorway_link" || t.junction === "roundabout" || t.junction === "circular";
    const oneway = reverse || onewayTag === "yes" || onewayTag === "true" || onewayTag === "1" || (implied && onewayTag !== "no") ? "yes" : "no";
    const props: OsmRoadProperties = { id: `way/${way.id}`, highway, oneway };
    if (t.maxspeed !== undefined) {
      props.maxspeed = t.maxspeed;
      const kmh = parseMaxspeed(t.maxspeed);
      if (kmh !== undefined) props.maxspeedKmh = Math.round(kmh * 100) / 100;
    }
    if (t.name !== undefined) props.name = t.name;
    if (t.ref !== undefined) props.ref = t.ref;
    // Split at nodes missing from a clipped extract rather than joining across the gap.
    const runs: [number, number][][] = [];
    let run: [number, number][] = [];
    let missing = 0;
    for (const ref of way.refs) {
      const c = nodes.get(ref);
      if (c === undefined) {
        missing++;
        if (run.length > 0) runs.push(run);
        run = [];
      } else {
        run.push([c[0], c[1]]);
      }
    }
    if (run.length > 0) runs.push(run);
    if (missing > 0) {
      missingRefs += missing;
      waysWithMissing++;
    }
    let used = false;
    for (const r of runs) {
      if (r.length < 2) continue;
      if (reverse) r.reverse();
      features.push({ type: "Feature", geometry: { type: "LineString", coordinates: r }, properties: { ...props } });
      used = true;
    }
    if (used) kept++;
  }
  const warnings: string[] = [];
  if (missingRefs > 0) {
    warnings.push(`${opts.file}: ${waysWithMissing} way(s) reference ${missingRefs} node(s) not in the file (a clipped extract); those ways were split at the gaps.`);
  }
  if (features.length === 0) warnings.push(`${opts.file}: no drivable roads found (highway in ${opts.highways.join(", ")}).`);
  return { roads: { type: "FeatureCollection", features }, warnings, stats: { ways: ways.length, kept, nodes: nodes.size } };
}
