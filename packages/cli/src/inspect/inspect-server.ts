import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { createManualClock, systemClock } from '@dangwu/runtime';
import { createSqliteStore } from '@dangwu/runtime/sqlite';
import { findProcess } from '../process-registry.js';
import { toSvg } from '../svg/to-svg.js';
import { eventTypesOf } from './event-types.js';
import { inspectPage } from './inspect-page.js';
import { createInstanceReader, type InstanceReader } from './instance-reader.js';

/** Options of {@link startInspectServer}. */
export interface InspectServerOptions {
  /** SQLite file to read instances from (written by `dangwu demo` or a host). @default 'dangwu-demo.db' */
  readonly db?: string;
  /** Instance the page shows when the URL names none. @default the first instance by id */
  readonly instance?: string;
  /** TCP port on 127.0.0.1; 0 picks a free one. @default 0 */
  readonly port?: number;
  /** "Now" for overdue marks and the event template, as an instant (ms since epoch or a Date). @default the system clock */
  readonly now?: number | Date;
}

/** A running inspect server. */
export interface InspectServer {
  /** The page's address, e.g. `http://127.0.0.1:7357/`. */
  readonly url: string;
  /** Stops the server and closes the SQLite file. */
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 64 * 1024;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, '请求过大 / request too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(response: ServerResponse, status: number, type: string, body: string): void {
  response.writeHead(status, {
    'content-type': `${type}; charset=utf-8`,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  response.end(body);
}

const sendJson = (response: ServerResponse, status: number, value: unknown): void =>
  send(response, status, 'application/json', JSON.stringify(value));

async function route(
  reader: InstanceReader,
  options: InspectServerOptions,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  if (request.method === 'GET' && (url.pathname === '/' || url.pathname === '/diagram.svg')) {
    const instances = await reader.list();
    const wanted = url.searchParams.get('instance') ?? options.instance ?? instances[0]?.id;
    const selected = wanted === undefined ? undefined : await reader.inspect(wanted);
    if (wanted !== undefined && !selected) throw new HttpError(404, `未知实例 ${wanted} / unknown instance ${wanted}`);
    const process = selected ? findProcess(selected.view.processId) : undefined;
    const svg =
      selected && process
        ? toSvg(process.machine, {
            active: selected.view.state,
            title: `${process.title.zh}：${selected.view.id}`,
            idPrefix: 'inspect',
          })
        : '';
    if (url.pathname === '/diagram.svg') return send(response, 200, 'image/svg+xml', svg);
    const page = inspectPage({
      instances,
      selected,
      svg,
      eventTypes: process ? eventTypesOf(process.machine) : [],
      today: reader.today(),
    });
    return send(response, 200, 'text/html', page);
  }
  if (request.method === 'GET' && url.pathname === '/api/instances') {
    return sendJson(response, 200, await reader.list());
  }
  if (request.method === 'GET' && url.pathname.startsWith('/api/instances/')) {
    const id = decodeURIComponent(url.pathname.slice('/api/instances/'.length));
    const inspected = await reader.inspect(id);
    if (!inspected) throw new HttpError(404, `未知实例 ${id} / unknown instance ${id}`);
    return sendJson(response, 200, inspected);
  }
  if (request.method === 'POST' && url.pathname === '/api/explain') {
    let body: unknown;
    try {
      body = JSON.parse(await readBody(request));
    } catch (error) {
      if (error instanceof HttpError) throw error;
      throw new HttpError(400, 'JSON 无效 / invalid JSON');
    }
    const instanceId =
      typeof body === 'object' && body !== null && 'instanceId' in body && typeof body.instanceId === 'string'
        ? body.instanceId
        : undefined;
    const event = typeof body === 'object' && body !== null && 'event' in body ? body.event : undefined;
    if (!instanceId || event === undefined)
      throw new HttpError(400, '须提供 instanceId 和 event / instanceId and event are required');
    if (!(await reader.inspect(instanceId)))
      throw new HttpError(404, `未知实例 ${instanceId} / unknown instance ${instanceId}`);
    return sendJson(response, 200, await reader.explain(instanceId, event));
  }
  throw new HttpError(404, `无此页面 / not found: ${url.pathname}`);
}

/**
 * Serves the inspect page on 127.0.0.1: a running instance's statechart (the local SVG) with its
 * current state highlighted, its pending and missed deadlines, and a form that asks `engine.explain`
 * why an event is or is not allowed now. Reads the SQLite file and writes no instance, entry or timer
 * (opening a file of an older release moves it onto the current layout once); needs no network.
 */
export async function startInspectServer(options: InspectServerOptions = {}): Promise<InspectServer> {
  const file = resolve(options.db ?? 'dangwu-demo.db');
  if (!existsSync(file))
    throw new Error(`找不到数据文件 ${file}；先运行 dangwu demo / no such file ${file}: run dangwu demo first`);
  const store = createSqliteStore({ path: file });
  const clock = options.now === undefined ? systemClock : createManualClock(options.now);
  const reader = createInstanceReader(store, clock);
  const server = createServer((request, response) => {
    route(reader, options, request, response).catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : 500;
      const message = error instanceof Error ? error.message : String(error);
      if (!response.headersSent) sendJson(response, status, { error: message });
      else response.end();
    });
  });
  try {
    await new Promise<void>((done, fail) => {
      server.once('error', fail);
      server.listen(options.port ?? 0, '127.0.0.1', () => done());
    });
  } catch (error) {
    await store.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      await store.close();
    },
  };
}
