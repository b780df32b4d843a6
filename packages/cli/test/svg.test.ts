import { describe, expect, it } from 'vitest';
import type { AnyStateNode } from 'xstate';
import { runCli } from '../src/cli.js';
import { diagram } from '../src/commands/diagram.js';
import { toSvg } from '../src/index.js';
import { processRegistry } from '../src/process-registry.js';
import { escapeXml } from '../src/svg/xml-escape.js';
import { assertWellFormed } from './xml-check.js';

interface Meta {
  readonly zh?: string;
  readonly en?: string;
}

function statesOf(node: AnyStateNode): AnyStateNode[] {
  return [node, ...(Object.values(node.states) as AnyStateNode[]).flatMap(statesOf)];
}

describe.each(processRegistry.map((process) => [process.id, process] as const))('toSvg(%s)', (_id, process) => {
  const states = statesOf(process.machine.root as AnyStateNode);
  const svg = toSvg(process.machine);

  it('is well-formed XML with one <svg> root, a size and a viewBox', () => {
    expect(() => assertWellFormed(svg)).not.toThrow();
    expect(svg).toMatch(
      /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]* width="\d+" height="\d+" viewBox="0 0 \d+ \d+"/,
    );
  });

  it('draws every state, labelled in Chinese from its meta (the key when it has none)', () => {
    for (const state of states) {
      const path = state.path.join('.');
      expect(svg).toContain(`data-state="${path}"`);
      const label = (state.meta as Meta | undefined)?.zh ?? (path === '' ? process.machine.id : state.key);
      expect(svg).toContain(`>${escapeXml(label)}</text>`);
    }
    expect(svg.match(/<g class="dw-state/g)).toHaveLength(states.length);
  });

  it('names every transition’s event and guard, as an arrow or as an internal transition', () => {
    for (const state of states) {
      for (const transition of [...state.transitions.values()].flat()) {
        expect(svg).toContain(transition.eventType);
        const guard = transition.guard;
        if (typeof guard === 'object' && guard !== null && 'type' in guard && typeof guard.type === 'string')
          expect(svg).toContain(guard.type);
      }
    }
  });

  it('is deterministic: the same machine gives the same bytes', () => {
    expect(toSvg(process.machine)).toBe(svg);
  });
});

describe('toSvg options and the diagram command', () => {
  const process = processRegistry[0];
  if (!process) throw new Error('no process registered');
  const svg = toSvg(process.machine, { active: ['case', 'case.applied'], labels: 'en', title: 'T & <x>' });

  it('marks the active states with the class `active`, and only those', () => {
    expect(svg).toMatch(/<g class="dw-state dw-compound[^"]* active" data-state="case"/);
    expect(svg).toMatch(/<g class="dw-state dw-leaf dw-atomic active" data-state="case.applied"/);
    expect(svg.match(/ active"/g)).toHaveLength(2);
    expect(() => assertWellFormed(svg)).not.toThrow();
  });

  it('labels in English on request and escapes the title', () => {
    expect(svg).toContain('>Written application received</text>');
    expect(svg).not.toContain('>已递交入党申请书</text>');
    expect(svg).toContain('<title>T &amp; &lt;x&gt;</title>');
  });

  it('stacks parallel regions on request', () => {
    const row = toSvg(process.machine);
    const column = toSvg(process.machine, { parallel: 'column' });
    const size = (text: string) => /width="(\d+)" height="(\d+)"/.exec(text)?.slice(1).map(Number) ?? [];
    const [rowWidth = 0] = size(row);
    const [columnWidth = 0] = size(column);
    expect(columnWidth).toBeLessThan(rowWidth);
  });

  it('the minimal XML check rejects broken markup', () => {
    expect(() => assertWellFormed('<svg><g></svg>')).toThrow();
    expect(() => assertWellFormed('<svg><text>a & b</text></svg>')).toThrow();
    expect(() => assertWellFormed('<svg><text>a < b</text></svg>')).toThrow();
    expect(() => assertWellFormed('<svg/><svg/>')).toThrow();
  });

  it('`dangwu diagram --format svg` prints the SVG; Mermaid stays the default', async () => {
    const out: string[] = [];
    const io = { out: (text: string) => out.push(text), err: (text: string) => out.push(`ERR ${text}`) };
    expect(await runCli(['diagram', process.id, '--format', 'svg'], io)).toBe(0);
    expect(out[0]).toBe(diagram({ process: process.id, format: 'svg' }).trimEnd());
    expect(out[0]).toContain('>已递交入党申请书</text>');
    expect(await runCli(['diagram', process.id], io)).toBe(0);
    expect(out[1]).toMatch(/^stateDiagram-v2/);
    expect(await runCli(['diagram', process.id, '--format', 'png'], io)).toBe(2);
  });
});
