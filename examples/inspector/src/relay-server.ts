// The local end of the XState inspector's WebSocket: `createWebSocketInspector` is a client, so
// something must listen. This relay accepts connections on 127.0.0.1 (a free port by default),
// forwards every message to every other connection and replays the recent ones to newcomers: the
// running process connects as one client, any viewer (a console, a test, a browser page) as another.
// It replaces `@statelyai/inspect/server`, which binds a fixed port and opens the stately.ai page.
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';

/** Options of {@link startInspectionRelay}. */
export interface RelayOptions {
  /** TCP port on 127.0.0.1; 0 picks a free one. @default 0 */
  readonly port?: number;
  /** How many recent messages a new connection receives first. @default 500 */
  readonly replay?: number;
}

/** A running relay. */
export interface InspectionRelay {
  /** The WebSocket address to give `createWebSocketInspector({ url })` and viewers, e.g. `ws://127.0.0.1:41234`. */
  readonly url: string;
  /** Closes every connection and the server. */
  close(): Promise<void>;
}

/** Starts a WebSocket relay for inspection events on 127.0.0.1. */
export async function startInspectionRelay(options: RelayOptions = {}): Promise<InspectionRelay> {
  const limit = options.replay ?? 500;
  const recent: string[] = [];
  const server = new WebSocketServer({ host: '127.0.0.1', port: options.port ?? 0 });
  await new Promise<void>((done, fail) => {
    server.once('listening', done);
    server.once('error', fail);
  });
  server.on('connection', (socket) => {
    for (const message of recent) socket.send(message);
    socket.on('message', (data) => {
      const message = String(data);
      recent.push(message);
      if (recent.length > limit) recent.shift();
      for (const client of server.clients) {
        if (client !== socket && client.readyState === WebSocket.OPEN) client.send(message);
      }
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((done, fail) => {
        for (const client of server.clients) client.terminate();
        server.close((error) => (error ? fail(error) : done()));
      }),
  };
}
