// Keeps the docs honest: every `<!-- include: file#region -->` code block must equal that region of a
// tested file, and every `<!-- diagram: process -->` block must equal the diagram generated from the
// machine. Run with UPDATE_DOCS=1 to rewrite the blocks instead of failing.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { diagram } from '../src/commands/diagram.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const update = process.env.UPDATE_DOCS === '1';

function markdownFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === 'api' ? [] : markdownFiles(path);
    return entry.name.endsWith('.md') ? [path] : [];
  });
}

function region(file: string, name: string): string {
  const source = readFileSync(join(root, file), 'utf8');
  const match = new RegExp(`// #region ${name}\\n([\\s\\S]*?)\\n\\s*// #endregion ${name}`).exec(source);
  if (!match?.[1]) throw new Error(`no region ${name} in ${file}`);
  const lines = match[1].split('\n');
  const indent = Math.min(...lines.filter((line) => line.trim()).map((line) => /^ */.exec(line)?.[0].length ?? 0));
  return lines.map((line) => line.slice(indent)).join('\n');
}

const FENCE = /^(<!-- (include|diagram): ([^ ]+) -->\n)(```(\w+)\n(?:[\s\S]*?\n)?```\n)?/gm;

/** The page with every include and diagram block regenerated. */
function regenerate(page: string): string {
  return page.replace(FENCE, (_whole, marker: string, kind: string, target: string) => {
    if (kind === 'diagram') return `${marker}\`\`\`mermaid\n${diagram({ process: target })}\n\`\`\`\n`;
    const [file = '', name = ''] = target.split('#');
    return `${marker}\`\`\`ts\n${region(file, name)}\n\`\`\`\n`;
  });
}

describe('docs', () => {
  const pages = [...markdownFiles(join(root, 'docs')), join(root, 'README.md'), join(root, 'README.zh-CN.md')];
  it.each(pages.map((page) => [relative(root, page), page]))('%s shows current code and diagrams', (_name, page) => {
    const current = readFileSync(page, 'utf8');
    const expected = regenerate(current);
    if (update && expected !== current) writeFileSync(page, expected);
    expect(update ? expected : current).toBe(expected);
  });

  it('every process page embeds its generated diagram', () => {
    const processPages = markdownFiles(join(root, 'docs/processes'));
    expect(processPages.length).toBeGreaterThanOrEqual(4);
    for (const page of processPages)
      expect(readFileSync(page, 'utf8')).toMatch(/<!-- diagram: [\w-]+ -->\n```mermaid\n/);
  });
});
