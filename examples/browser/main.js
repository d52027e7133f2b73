// Browser demo: load the bundled network, route zones to the open hubs, draw the map.
// Built into ./dist/app.js by build.mjs (esbuild bundles the package's dist/ for the browser).
import { createRouter, renderSvgMap } from "hubspoke";
import { kentMedway, KENT_MEDWAY_ATTRIBUTION } from "hubspoke/kent-medway";

const status = document.querySelector("#status");
const t0 = performance.now();
const network = kentMedway();
const router = createRouter(network.graph);
const hubs = network.sites.filter((s) => s.kind === "hub");
const loadMs = performance.now() - t0;

const box = document.querySelector("#hubs");
for (const hub of hubs) {
  const label = document.createElement("label");
  label.innerHTML = `<input type="checkbox" value="${hub.id}" checked> ${hub.name} `;
  box.append(label);
}

function run() {
  const open = new Set([...box.querySelectorAll("input:checked")].map((i) => i.value));
  const colourBy = document.querySelector("input[name=colour]:checked").value;
  const t = performance.now();
  const openHubs = hubs.filter((h) => open.has(h.id));
  const sites = network.sites.map((s) => (s.kind === "hub" && !open.has(s.id) ? { ...s, status: "closed" } : s));
  const nearest = openHubs.length === 0 ? [] : router.nearest(network.zones, openHubs);
  const svg = renderSvgMap({ sites, zones: network.zones }, { assignments: nearest }, { colourBy, title: `Nearest open hub by road (${openHubs.length} of ${hubs.length} open)`, width: 900, height: 700 });
  document.querySelector("#map").innerHTML = svg;
  const rows = openHubs.map((h) => {
    const mine = nearest.filter((n) => n.destination === h.id);
    const pop = mine.reduce((a, n) => a + (network.zones.find((z) => z.id === n.origin)?.population ?? 0), 0);
    const weighted = mine.reduce((a, n) => a + n.minutes * (network.zones.find((z) => z.id === n.origin)?.population ?? 0), 0);
    return `<tr><td>${h.name}</td><td>${mine.length}</td><td>${pop.toLocaleString("en-GB")}</td><td>${(weighted / Math.max(pop, 1)).toFixed(1)}</td></tr>`;
  });
  document.querySelector("#summary").innerHTML = `<tr><th>Hub</th><th>Zones</th><th>Population</th><th>Mean minutes</th></tr>${rows.join("")}`;
  status.textContent = `Network loaded in ${loadMs.toFixed(0)} ms; routed ${network.zones.length} zones in ${(performance.now() - t).toFixed(0)} ms. ${KENT_MEDWAY_ATTRIBUTION[0] ?? ""}`;
  document.body.dataset.ready = "true";
}

document.addEventListener("change", run);
run();
