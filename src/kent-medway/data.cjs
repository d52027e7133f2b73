// The bundled Kent & Medway data. The JSON files ship once, in fixtures/kent-medway/, and this
// CommonJS module (kept as a file beside the built entry, not inlined) loads them for both the
// ESM and the CJS build: Node's ESM loader imports a .cjs module's exports as its default, and
// bundlers follow the require() calls to the JSON. The relative paths hold from src/kent-medway/
// and from dist/kent-medway/ alike.
"use strict";
module.exports = {
  assumptions: require("../../fixtures/kent-medway/assumptions.json"),
  roads: require("../../fixtures/kent-medway/roads.json"),
  sites: require("../../fixtures/kent-medway/sites.json"),
  zones: require("../../fixtures/kent-medway/zones.json"),
};
