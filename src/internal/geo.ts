// Internal geometry helpers: WGS84 degrees in, metres out.

/** Mean Earth radius (IUGG), metres. */
export const EARTH_RADIUS_METRES = 6_371_008.8;
/** Metres per degree of latitude on the mean sphere. */
export const METRES_PER_DEGREE = (Math.PI / 180) * EARTH_RADIUS_METRES;

/** Great-circle distance in metres (haversine). */
export function haversineMetres(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const toRad = Math.PI / 180;
  const dLat = (lat2 - lat1) * toRad;
  const dLon = (lon2 - lon1) * toRad;
  const s = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * toRad) * Math.cos(lat2 * toRad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_METRES * Math.asin(Math.min(1, Math.sqrt(s)));
}

/** Scratch result of {@link pointToSegment}: distance in metres and position `t` in [0, 1]. */
export interface SegmentHit {
  metres: number;
  t: number;
}

/**
 * Distance from point P to segment AB in an equirectangular projection centred on P
 * (x scaled by cos(latP)); accurate to well under 1% for segments of a few km.
 */
export function pointToSegment(
  px: number,
  py: number,
  ax: number,
  ay: number,
  bx: number,
  by: number,
  out: SegmentHit,
): void {
  const kx = Math.cos((py * Math.PI) / 180) * METRES_PER_DEGREE;
  const ky = METRES_PER_DEGREE;
  const x1 = (ax - px) * kx;
  const y1 = (ay - py) * ky;
  const dx = (bx - ax) * kx;
  const dy = (by - ay) * ky;
  const len2 = dx * dx + dy * dy;
  let t = len2 === 0 ? 0 : -(x1 * dx + y1 * dy) / len2;
  if (t < 0) t = 0;
  else if (t > 1) t = 1;
  const x = x1 + t * dx;
  const y = y1 + t * dy;
  out.metres = Math.sqrt(x * x + y * y);
  out.t = t;
}
