import { fc } from "@fast-check/vitest";

export interface TransportCase {
  zones: string[];
  sites: string[];
  minutes: number[];
  demand: number[];
  capacity: number[];
}

/** Small zone × site instances with integer minutes (some unreachable), demand and capacity. */
export function arbTransportCase(opts: { maxZones?: number; maxSites?: number; unreachable?: boolean } = {}): fc.Arbitrary<TransportCase> {
  const maxZones = opts.maxZones ?? 8;
  const maxSites = opts.maxSites ?? 4;
  return fc
    .tuple(fc.integer({ min: 1, max: maxZones }), fc.integer({ min: 1, max: maxSites }))
    .chain(([n, m]) =>
      fc.record({
        zones: fc.constant(Array.from({ length: n }, (_, i) => `z${i}`)),
        sites: fc.constant(Array.from({ length: m }, (_, j) => `s${j}`)),
        minutes: fc.array(
          opts.unreachable === false ? fc.integer({ min: 0, max: 90 }) : fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 0, max: 90 }) }, { weight: 1, arbitrary: fc.constant(Infinity) }),
          { minLength: n * m, maxLength: n * m },
        ),
        demand: fc.array(fc.integer({ min: 0, max: 20 }), { minLength: n, maxLength: n }),
        capacity: fc.array(fc.integer({ min: 0, max: 30 }), { minLength: m, maxLength: m }),
      }),
    );
}
