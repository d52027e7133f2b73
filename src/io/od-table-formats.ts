// The OD table formats `parseOdTable` reads, in a module of their own so the CLI can list them in
// its help without loading the parser.
export const OD_TABLE_FORMATS = ["osrm", "openrouteservice", "valhalla", "r5r", "traveltime"] as const;
export type OdTableFormat = (typeof OD_TABLE_FORMATS)[number];
