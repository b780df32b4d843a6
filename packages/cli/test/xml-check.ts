// A minimal well-formedness check for the SVG tests (no XML dependency): balanced, properly nested
// tags with double-quoted attributes, text without raw `<`, and only the five XML entities or numeric
// character references.

const TOKEN = /<!--[\s\S]*?-->|<(\/?)([A-Za-z][\w:.-]*)((?:\s+[A-Za-z_:][\w:.-]*="[^"<]*")*)\s*(\/?)>|<|[^<]+/g;
const ENTITY = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/;

/** Throws with the offending position unless `xml` is a single well-formed element. */
export function assertWellFormed(xml: string): void {
  const stack: string[] = [];
  let roots = 0;
  for (const match of xml.matchAll(TOKEN)) {
    const [token, closing, name, attributes, selfClosing] = match;
    if (token === '<') throw new Error(`malformed tag at ${match.index}: ${xml.slice(match.index, match.index + 60)}`);
    if (token.startsWith('<!--')) continue;
    if (name === undefined) {
      if (ENTITY.test(token)) throw new Error(`bare & at ${match.index}`);
      if (stack.length === 0 && token.trim()) throw new Error(`text outside the root at ${match.index}`);
      continue;
    }
    if (ENTITY.test(attributes ?? '')) throw new Error(`bare & in attributes at ${match.index}`);
    if (closing) {
      const open = stack.pop();
      if (open !== name) throw new Error(`</${name}> closes <${open}> at ${match.index}`);
      continue;
    }
    if (stack.length === 0) roots += 1;
    if (!selfClosing) stack.push(name);
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack.join('> <')}>`);
  if (roots !== 1) throw new Error(`expected one root element, found ${roots}`);
}
