/**
 * The bundled Kent & Medway network: real roads, LSOA populations and the trust's hubs and spokes,
 * with sources. Import from `hubspoke/kent-medway`.
 *
 * @module kent-medway
 */
// The bundled Kent & Medway network (`hubspoke/kent-medway`). Not re-exported from the package
// root, so the data is only loaded by those who import this subpath.
export { kentMedway, KENT_MEDWAY_ATTRIBUTION, KENT_MEDWAY_SITE_NOTES } from "./kent-medway.js";
export type { KentMedwayOptions } from "./kent-medway.js";
