// fold()'s short paths (plain ASCII; a table of characters) give exactly what the rule gives.
import { describe, expect, it } from "vitest";
import { fold, foldSlowly } from "~/utils/fold";

const POOL = [..."abcXYZ09 @'’‘`´ʼ-.,;:!?()éÉèêëÈÊàâäÀÂçÇîïÎôöÔùûüÙœŒæÆßøØđĐðłŁñÑ\u0301\u0300\u00a0\u202f«»—–ÿŸ"];

/** A small deterministic generator (the same strings on every run). */
function* strings(count: number, pool: string[]) {
  let seed = 20261204;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  for (let i = 0; i < count; i++) {
    let s = "";
    for (let k = 0; k <= i % 24; k++) s += pool[next() % pool.length];
    yield s;
  }
}

describe("fold", () => {
  it("gives the rule's result on text with accents, ligatures, apostrophes and punctuation", () => {
    const wrong = [...strings(20000, POOL)].filter((s) => fold(s) !== foldSlowly(s).trim());
    expect(wrong).toEqual([]);
  });

  it("gives the rule's result on plain ASCII", () => {
    const ascii = Array.from({ length: 128 }, (_, i) => String.fromCharCode(i));
    const wrong = [...strings(20000, ascii)].filter((s) => fold(s) !== foldSlowly(s).trim());
    expect(wrong).toEqual([]);
    expect(fold("  N'Diaye-Ødegård, Œuvre ")).toBe("ndiaye odegard oeuvre");
  });
});
