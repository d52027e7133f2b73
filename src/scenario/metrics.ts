/** Which direction of a metric is an improvement. */
export type MetricDirection = "lower" | "higher" | "neither";

/**
 * One headline figure of a scenario result, the unit of comparison between scenarios.
 * `value` is `null` when the figure is undefined (e.g. a mean over zero population) and may be
 * `Infinity` (e.g. a 90th percentile when some population cannot reach any site).
 */
export interface ScenarioMetric {
  /** Stable dotted key, e.g. `access.hub.meanMinutes`, `capacity.adultAcute.outOfAreaBedDays`. */
  readonly key: string;
  readonly label: string;
  /** `minutes`, `people`, `share` (0–1), `beds`, `bed-days/year`, `£/year`, `ratio`, `probability`… */
  readonly unit: string;
  readonly better: MetricDirection;
  readonly value: number | null;
  /** Why `value` is null (a missing input, e.g. sites without a running cost); absent when known. */
  readonly reason?: string;
}

/** Where one zone goes and how long it takes, in one scenario (for gainers/losers and switches). */
export interface ZoneOutcome {
  readonly zone: string;
  readonly population: number;
  readonly imdDecile: number | null;
  readonly district: string | null;
  readonly urbanRural: string | null;
  /** Nearest open hub (null when none is reachable) and the minutes to it (`Infinity` if none). */
  readonly hub: string | null;
  readonly hubMinutes: number;
  /** Nearest open spoke and minutes (null / `Infinity` when the network has no reachable spoke). */
  readonly spoke: string | null;
  readonly spokeMinutes: number;
  /** Hub reached through the hierarchy: the nearest open spoke's hub (null without spokes). */
  readonly hierarchicalHub: string | null;
}

/** The part of a scenario result that {@link compareScenarios} reads. */
export interface ComparableResult {
  readonly scenario: { readonly id: string; readonly name: string };
  readonly metrics: readonly ScenarioMetric[];
  readonly zones: readonly ZoneOutcome[];
}
