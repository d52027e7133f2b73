import { DOMParser } from "@xmldom/xmldom";
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../../src/errors.js";
import { renderHtmlReport, renderSvgMap } from "../../src/io/index.js";

const svg = renderSvgMap({ sites: [{ id: "h", name: "H", kind: "hub", location: [0.5, 51], status: "open" }], zones: [{ id: "z", name: "Z", location: [0.6, 51.1], population: 5, need: 1 }] });

describe("renderHtmlReport", () => {
  it("renderHtmlReport(report) is one self-contained document with tables, the inline map and a footer", () => {
    const html = renderHtmlReport({
      title: "Options <for> the board",
      subtitle: "Draft",
      sections: [
        { heading: "Summary", text: "First para.\n\nSecond & last.", table: { columns: ["Option", "Mean minutes", "People"], rows: [["A", 22.345, 1234567], ["B", Infinity, null]] } },
        { heading: "Map", svg, caption: "Nearest hub" },
      ],
      footer: ["© OpenStreetMap contributors"],
    });
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).not.toMatch(/<script|<link|src="http|href="http|@import/);
    // XHTML-parse the body to check nesting and escaping
    const body = html.slice(html.indexOf("<main>"), html.indexOf("</main>") + 7);
    const errors: string[] = [];
    const doc = new DOMParser({ onError: (l, m) => errors.push(`${l}: ${m}`) }).parseFromString(body, "text/xml");
    expect(errors).toEqual([]);
    expect(doc.getElementsByTagName("h1")[0].textContent).toBe("Options <for> the board");
    expect(Array.from(doc.getElementsByTagName("p")).map((p) => p.textContent)).toEqual(["Draft", "First para.", "Second & last."]);
    const cells = Array.from(doc.getElementsByTagName("td")).map((td) => td.textContent);
    expect(cells).toEqual(["A", "22.3", "1,234,567", "B", "unreachable", "—"]);
    expect(doc.getElementsByTagName("svg")).toHaveLength(1);
    expect(html).toContain("<footer><p>© OpenStreetMap contributors</p></footer>");
  });

  it("rejects a section without a heading or a non-SVG map", () => {
    expect(() => renderHtmlReport({ title: "T", sections: [{ heading: "" }] })).toThrowError(InvalidInputError);
    expect(() => renderHtmlReport({ title: "T", sections: [{ heading: "M", svg: "<img>" }] })).toThrowError(/report\.sections\[0\]\.svg/);
  });

  test.prop([fc.string(), fc.array(fc.string(), { maxLength: 4 })])("any text is escaped: the body always parses as XML", (title, texts) => {
    const html = renderHtmlReport({ title: title || "x", sections: [{ heading: "h", text: texts.join("\n\n"), table: { columns: ["c"], rows: texts.map((t) => [t]) } }] });
    const body = html.slice(html.indexOf("<main>"), html.indexOf("</main>") + 7).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "");
    const errors: string[] = [];
    new DOMParser({ onError: (l, m) => errors.push(`${l}: ${m}`) }).parseFromString(body, "text/xml");
    expect(errors).toEqual([]);
  });
});
