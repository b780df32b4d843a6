// Surrogates (U+D800–U+DFFF, the halves of U+10000 and above) rank after U+E000–U+FFFF; other units keep
// their order. At the first unit where two well-formed strings differ, this gives their code point order.
const codePointRank = (unit: number): number =>
  unit >= 0xd800 ? (unit >= 0xe000 ? unit - 0x800 : unit + 0x2000) : unit;

/**
 * Compares strings by Unicode code point, as SQLite (UTF-8 bytes) and PostgreSQL (`COLLATE "C"`) order
 * text. JavaScript's `<` compares UTF-16 code units, which puts U+10000 and above (an emoji, a CJK
 * extension character) before U+E000–U+FFFF (full-width forms such as `！`).
 */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index += 1) {
    const x = a.charCodeAt(index);
    const y = b.charCodeAt(index);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}
