import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { exampleEvents, runInspectedCase } from './development-case.js';
import { startInspectionRelay } from './relay-server.js';

interface InspectionMessage {
  readonly type: string;
  readonly event?: { readonly type?: string };
  readonly snapshot?: { readonly value?: unknown; readonly status?: string };
  readonly sessionId?: string;
}

const relay = await startInspectionRelay();
afterAll(() => relay.close());

/** A viewer on the relay: collects every inspection message until `done` says enough. */
function watch(done: (messages: readonly InspectionMessage[]) => boolean): Promise<InspectionMessage[]> {
  return new Promise((resolve, reject) => {
    const messages: InspectionMessage[] = [];
    const socket = new WebSocket(relay.url);
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error(`only ${messages.length} inspection messages arrived in 10 s`));
    }, 10_000);
    socket.on('error', reject);
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as InspectionMessage;
      messages.push(message);
      // Show the events flowing, as a console viewer would.
      const detail =
        message.type === '@xstate.snapshot' ? JSON.stringify(message.snapshot?.value) : (message.event?.type ?? '');
      console.log(`${message.type.padEnd(16)} ${detail}`);
      if (done(messages)) {
        clearTimeout(timer);
        socket.close();
        resolve(messages);
      }
    });
  });
}

describe('the XState inspector over a local WebSocket (no stately.ai)', () => {
  it('streams the case’s actor, events and snapshots to a viewer', async () => {
    expect(relay.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);
    const seen = watch((messages) =>
      messages.some(
        (message) =>
          message.type === '@xstate.snapshot' && JSON.stringify(message.snapshot?.value).includes('awaitingFiling'),
      ),
    );
    const run = runInspectedCase({ url: relay.url });
    const messages = await seen;
    run.stop();
    expect(JSON.stringify(run.state)).toContain('awaitingFiling');
    const types = new Set(messages.map((message) => message.type));
    expect(types).toContain('@xstate.actor');
    expect(types).toContain('@xstate.event');
    expect(types).toContain('@xstate.snapshot');
    const events = messages.filter((message) => message.type === '@xstate.event').map((message) => message.event?.type);
    for (const event of exampleEvents) expect(events).toContain(event.type);
    const snapshots = messages.filter((message) => message.type === '@xstate.snapshot');
    expect(JSON.stringify(snapshots.map((message) => message.snapshot?.value))).toContain('talked');
    expect(new Set(messages.map((message) => message.sessionId)).size).toBeGreaterThanOrEqual(1);
  });
});
