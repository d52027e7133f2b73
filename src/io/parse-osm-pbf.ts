import { PbfReader } from "pbf";
import { HubspokeError, IoError, parseInput } from "../errors.js";
import { buildOsmRoads, type OsmOptions, OsmOptionsSchema, type OsmRoads, type OsmWay } from "./osm-roads.js";

// OSM PBF layout (wiki "PBF Format"): repeated [int32 BE length][BlobHeader][Blob]; Blob holds
// raw or zlib data; an OSMData blob is a PrimitiveBlock with a string table and groups of
// nodes, dense nodes and ways. Field numbers below are from osmformat.proto / fileformat.proto.

interface Block {
  strings: string[];
  granularity: number;
  latOffset: number;
  lonOffset: number;
  groups: { start: number; end: number }[];
}

async function inflate(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream("deflate"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

const utf8 = new TextDecoder();

function readBlock(bytes: Uint8Array): Block {
  const pbf = new PbfReader(bytes);
  const block: Block = { strings: [], granularity: 100, latOffset: 0, lonOffset: 0, groups: [] };
  pbf.readFields((tag, b, p) => {
    if (tag === 1) {
      const end = p.readVarint() + p.pos;
      while (p.pos < end) {
        const key = p.readVarint();
        if (key >> 3 === 1) b.strings.push(utf8.decode(p.readBytes()));
        else p.skip(key & 7);
      }
    } else if (tag === 2) {
      const len = p.readVarint();
      b.groups.push({ start: p.pos, end: p.pos + len });
      p.pos += len;
    } else if (tag === 17) b.granularity = p.readVarint();
    else if (tag === 19) b.latOffset = p.readVarint(true);
    else if (tag === 20) b.lonOffset = p.readVarint(true);
  }, block);
  return block;
}

function readGroup(bytes: Uint8Array, block: Block, nodes: Map<number, readonly [number, number]>, ways: OsmWay[], bad: (what: string) => never): void {
  const { granularity: g, latOffset, lonOffset, strings } = block;
  // Divide (not multiply by 1e-9) so 5000000 units read back as exactly 0.05.
  const coord = (id: number, lat: number, lon: number) => {
    const at = [(lonOffset + g * lon) / 1e9, (latOffset + g * lat) / 1e9] as const;
    // a short or corrupt dense block gives NaN or far-away coordinates: never let them into roads
    if (!(Math.abs(at[0]) <= 180 && Math.abs(at[1]) <= 90)) bad(`node ${id} has no valid lat/lon (lon ${at[0]}, lat ${at[1]}): the block is corrupt. Download or export the extract again`);
    return at;
  };
  for (const group of block.groups) {
    const pbf = new PbfReader(bytes);
    pbf.pos = group.start;
    pbf.readFields(
      (tag, _r, p) => {
        if (tag === 1) {
          const n = p.readMessage((t, o: { id: number; lat: number; lon: number }, q) => {
            if (t === 1) o.id = q.readSVarint();
            else if (t === 8) o.lat = q.readSVarint();
            else if (t === 9) o.lon = q.readSVarint();
          }, { id: 0, lat: 0, lon: 0 });
          nodes.set(n.id, coord(n.id, n.lat, n.lon));
        } else if (tag === 2) {
          const d = p.readMessage((t, o: { ids: number[]; lats: number[]; lons: number[] }, q) => {
            if (t === 1) q.readPackedSVarint(o.ids);
            else if (t === 8) q.readPackedSVarint(o.lats);
            else if (t === 9) q.readPackedSVarint(o.lons);
          }, { ids: [], lats: [], lons: [] });
          if (d.lats.length !== d.ids.length || d.lons.length !== d.ids.length) bad(`dense nodes list ${d.ids.length} ids but ${d.lats.length} latitudes and ${d.lons.length} longitudes: the block is corrupt`);
          let id = 0;
          let lat = 0;
          let lon = 0;
          for (let i = 0; i < d.ids.length; i++) {
            id += d.ids[i];
            lat += d.lats[i];
            lon += d.lons[i];
            nodes.set(id, coord(id, lat, lon));
          }
        } else if (tag === 3) {
          const w = p.readMessage((t, o: { id: number; keys: number[]; vals: number[]; refs: number[] }, q) => {
            if (t === 1) o.id = q.readVarint();
            else if (t === 2) q.readPackedVarint(o.keys);
            else if (t === 3) q.readPackedVarint(o.vals);
            else if (t === 8) q.readPackedSVarint(o.refs);
          }, { id: 0, keys: [], vals: [], refs: [] });
          const tags: Record<string, string> = Object.create(null) as Record<string, string>;
          for (let i = 0; i < w.keys.length; i++) {
            const k = strings[w.keys[i]];
            const v = strings[w.vals[i]];
            if (k === undefined || v === undefined) bad(`way ${w.id} has a tag outside the block's string table: the block is corrupt`);
            tags[k] = v;
          }
          let ref = 0;
          const refs = w.refs.map((delta) => (ref += delta));
          ways.push({ id: w.id, refs, tags });
        }
      },
      null,
      group.end,
    );
  }
}

/**
 * Read drivable roads from an OpenStreetMap PBF (`.osm.pbf`) extract, such as a
 * Geofabrik county file or an osmium clip.
 *
 * Decodes the PBF blobs (raw or zlib, inflated with the standard `DecompressionStream`, so
 * it runs in Node ≥ 18 and browsers) and their primitive blocks (plain and dense nodes,
 * ways; relations skipped) with the `pbf` protobuf reader, then applies the same road
 * filter as {@link parseOsmXml}. Keeps every node's coordinates in memory
 * (≈ 100 bytes per node: fine for a county, use a clipped extract for a country).
 *
 * @param bytes - The file contents.
 * @param options - As for {@link parseOsmXml}; `file` defaults to `"roads.osm"`.
 * @returns A promise of `{ roads, warnings, stats }`.
 * @throws {@link IoError} for a truncated file, an unsupported compression (lzma, zstd,
 *   lz4) or a file that is not OSM PBF, naming the byte offset.
 * @example
 * const { roads } = await parseOsmPbf(new Uint8Array(await (await fetch("kent.osm.pbf")).arrayBuffer()));
 */
export async function parseOsmPbf(bytes: Uint8Array, options: OsmOptions = {}): Promise<OsmRoads> {
  const where = "parseOsmPbf";
  const opts = parseInput(where, OsmOptionsSchema, options, "options");
  if (!(bytes instanceof Uint8Array)) {
    throw new IoError(where, `expected the file bytes as a Uint8Array (got ${typeof bytes}).`, [{ path: opts.file, message: "expected bytes" }]);
  }
  const fail = (offset: number, what: string): never => {
    const path = `${opts.file}:byte ${offset}`;
    throw new IoError(where, `${path}: ${what}.`, [{ path, message: what }]);
  };
  const nodes = new Map<number, readonly [number, number]>();
  const ways: OsmWay[] = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 0;
  let sawHeader = false;
  // the protobuf reader throws plain Errors on damaged data ("Unimplemented type", long varints):
  // reported as the file's fault at the blob where it happened
  try {
    while (offset < bytes.length) {
      if (offset + 4 > bytes.length) fail(offset, "truncated blob header length");
      const headerLength = view.getUint32(offset);
      if (headerLength > 64 * 1024 || offset + 4 + headerLength > bytes.length) fail(offset, `not an OSM PBF blob (header length ${headerLength}). Is this an .osm.pbf file?`);
      const header = new PbfReader(bytes.subarray(offset + 4, offset + 4 + headerLength)).readFields(
        (tag, h: { type: string; size: number }, p) => {
          if (tag === 1) h.type = p.readString();
          else if (tag === 3) h.size = p.readVarint();
        },
        { type: "", size: -1 },
      );
      const start = offset + 4 + headerLength;
      if (header.size < 0 || start + header.size > bytes.length) fail(offset, `truncated blob (type "${header.type}", size ${header.size})`);
      const blob = new PbfReader(bytes.subarray(start, start + header.size)).readFields(
        (tag, b: { raw?: Uint8Array; zlib?: Uint8Array; other?: number }, p) => {
          if (tag === 1) b.raw = p.readBytes();
          else if (tag === 3) b.zlib = p.readBytes();
          else if (tag >= 4 && tag <= 7) {
            b.other = tag;
            p.skip(2);
          }
        },
        {},
      );
      if (header.type === "OSMHeader") sawHeader = true;
      else if (header.type === "OSMData") {
        if (blob.other !== undefined) fail(start, `unsupported blob compression (field ${blob.other}: lzma/lz4/zstd). Re-encode with zlib, e.g. osmium cat -o out.osm.pbf`);
        const data = blob.raw ?? (blob.zlib === undefined ? fail(start, "blob has no data") : await inflate(blob.zlib));
        const block = readBlock(data);
        readGroup(data, block, nodes, ways, (what) => fail(start, what));
      }
      offset = start + header.size;
    }
  } catch (error) {
    if (error instanceof HubspokeError) throw error;
    fail(offset, `damaged OSM PBF data (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!sawHeader) fail(0, "no OSMHeader block: not an OSM PBF file");
  return buildOsmRoads(nodes, ways, opts);
}
