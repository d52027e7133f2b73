/**
 * Default off-peak car speeds (km/h) by OpenStreetMap road class, urban and rural.
 *
 * The Kent & Medway road data (OpenMapTiles schema) carries no `maxspeed`, so travel times
 * come from these class speeds. They are ASSUMPTIONS, set from published UK statistics and
 * rounded down for junction delay:
 * - DfT Vehicle Speed Compliance Statistics 2023 (SPE0111, free-flow car speeds): motorways
 *   ≈ 67 mph (108 km/h), national-limit single carriageways ≈ 48 mph (77 km/h), 30 mph
 *   roads ≈ 31 mph (50 km/h). Free flow overstates door-to-door speeds, so classes sit below.
 * - DfT Congestion Statistics (CGN0502): average speed on the Strategic Road Network
 *   ≈ 58–60 mph (93–97 km/h); (CGN0501) weekday average on local 'A' roads ≈ 24–25 mph
 *   (39–40 km/h) overall, faster in rural areas and slower in towns.
 * Calibration against typical off-peak drive times between Kent towns is tested in
 * `tests/kent-medway/`.
 */
export interface ClassSpeed {
  readonly urban: number;
  readonly rural: number;
}

/** Speeds by road class (`motorway`, `trunk`, …, and `*_link` slip roads), km/h. */
export type SpeedProfile = Readonly<Record<string, ClassSpeed>>;

export const DEFAULT_SPEED_PROFILE: SpeedProfile = {
  motorway: { urban: 90, rural: 100 },
  trunk: { urban: 55, rural: 80 },
  primary: { urban: 40, rural: 65 },
  secondary: { urban: 35, rural: 55 },
  tertiary: { urban: 30, rural: 50 },
  unclassified: { urban: 25, rural: 40 },
  residential: { urban: 25, rural: 30 },
  living_street: { urban: 10, rural: 10 },
  road: { urban: 25, rural: 35 },
  minor: { urban: 25, rural: 40 },
  service: { urban: 15, rural: 20 },
  motorway_link: { urban: 55, rural: 60 },
  trunk_link: { urban: 40, rural: 45 },
  primary_link: { urban: 35, rural: 40 },
  secondary_link: { urban: 30, rural: 35 },
  tertiary_link: { urban: 25, rural: 30 },
};

/** Walking/driving speed used to charge the connector from a point to its snapped road. */
export const DEFAULT_ACCESS_SPEED_KMH = 20;
