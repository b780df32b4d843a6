// Text widths without a browser: the layout must be pure and deterministic, so it estimates a string's
// width from its characters (CJK and full-width forms take one em, narrow Latin about 0.6 em).

const isWide = (code: number): boolean =>
  (code >= 0x1100 && code <= 0x115f) ||
  (code >= 0x2e80 && code <= 0xa4cf) ||
  (code >= 0xac00 && code <= 0xd7a3) ||
  (code >= 0xf900 && code <= 0xfaff) ||
  (code >= 0xfe30 && code <= 0xfe4f) ||
  (code >= 0xff00 && code <= 0xff60) ||
  (code >= 0xffe0 && code <= 0xffe6);

/** Estimated width in pixels of `text` set in a sans-serif font of `fontSize` pixels. */
export function textWidth(text: string, fontSize: number): number {
  let ems = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (isWide(code)) ems += 1;
    else if (/[A-Z_]/.test(char)) ems += 0.68;
    else if (/[il.,:;'|!()[\] ]/.test(char)) ems += 0.32;
    else ems += 0.56;
  }
  return Math.ceil(ems * fontSize);
}
