// Test helper: write a minimal OSM PBF (OSMHeader + one OSMData block) with the pbf writer,
// so the reader is tested against bytes built to the published format, not against itself.
import { deflateSync } from "node:zlib";
import { PbfWriter } from "pbf";

export interface PbfNode { id: number; lon: number; lat: number }
export interface PbfWay { id: number; refs: number[]; tags: Record<string, string> }

function blob(type: string, payload: Uint8Array, compress: boolean): Uint8Array {
  const b = new PbfWriter();
  if (compress) {
    b.writeVarintField(2, payload.length);
    b.writeBytesField(3, deflateSync(payload));
  } else {
    b.writeBytesField(1, payload);
  }
  const blobBytes = b.finish();
  const h = new PbfWriter();
  h.writeStringField(1, type);
  h.writeVarintField(3, blobBytes.length);
  const header = h.finish();
  const out = new Uint8Array(4 + header.length + blobBytes.length);
  new DataView(out.buffer).setUint32(0, header.length);
  out.set(header, 4);
  out.set(blobBytes, 4 + header.length);
  return out;
}

export function writeOsmPbf(nodes: PbfNode[], ways: PbfWay[], options: { dense?: boolean; compress?: boolean } = {}): Uint8Array {
  const dense = options.dense ?? true;
  const compress = options.compress ?? true;
  const hb = new PbfWriter();
  hb.writeStringField(4, "OsmSchema-V0.6");
  hb.writeStringField(4, "DenseNodes");
  const headerBlock = hb.finish();

  const strings = [""];
  const sid = (s: string) => {
    let k = strings.indexOf(s);
    if (k < 0) k = strings.push(s) - 1;
    return k;
  };
  const wayMsgs = ways.map((w) => {
    const keys = Object.keys(w.tags).map(sid);
    const vals = Object.values(w.tags).map(sid);
    return { id: w.id, keys, vals, refs: w.refs };
  });
  const granularity = 100;
  const toUnits = (deg: number) => Math.round(deg / (granularity * 1e-9));
  const pb = new PbfWriter();
  pb.writeMessage(1, (_: unknown, p: PbfWriter) => {
    for (const s of strings) p.writeBytesField(1, new TextEncoder().encode(s));
  }, null);
  pb.writeMessage(2, (_: unknown, p: PbfWriter) => {
    if (dense) {
      p.writeMessage(2, (_n: unknown, q: PbfWriter) => {
        let id = 0, lat = 0, lon = 0;
        const ids: number[] = [], lats: number[] = [], lons: number[] = [];
        for (const n of nodes) {
          ids.push(n.id - id); id = n.id;
          lats.push(toUnits(n.lat) - lat); lat = toUnits(n.lat);
          lons.push(toUnits(n.lon) - lon); lon = toUnits(n.lon);
        }
        q.writePackedSVarint(1, ids);
        q.writePackedSVarint(8, lats);
        q.writePackedSVarint(9, lons);
      }, null);
    } else {
      for (const n of nodes) {
        p.writeMessage(1, (_n: unknown, q: PbfWriter) => {
          q.writeSVarintField(1, n.id);
          q.writeSVarintField(8, toUnits(n.lat));
          q.writeSVarintField(9, toUnits(n.lon));
        }, null);
      }
    }
  }, null);
  pb.writeMessage(2, (_: unknown, p: PbfWriter) => {
    for (const w of wayMsgs) {
      p.writeMessage(3, (_w: unknown, q: PbfWriter) => {
        q.writeVarintField(1, w.id);
        q.writePackedVarint(2, w.keys);
        q.writePackedVarint(3, w.vals);
        let prev = 0;
        q.writePackedSVarint(8, w.refs.map((r) => { const d = r - prev; prev = r; return d; }));
      }, null);
    }
  }, null);
  pb.writeVarintField(17, granularity);
  const block = pb.finish();
  const a = blob("OSMHeader", headerBlock, compress);
  const b = blob("OSMData", block, compress);
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
