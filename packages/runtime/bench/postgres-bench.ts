// Throughput and p99 latency of durable sends with 1, 2 and 4 engine processes on one PostgreSQL database,
// and the same workload on one SQLite file (WAL, group commit, synchronous=FULL) in the same run, as ratios.
// Run: pnpm --filter @dangwu/runtime bench:postgres [-- --senders 16 --sends 100]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dropPostgresSchema, postgresUrlFromEnv, probePostgres } from '../src/postgres.js';
import { collect, spawnTs } from '../test/support/run-ts.js';

function flag(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : Number.NaN;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

const SENDERS = flag('senders', 16);
const SENDS = flag('sends', 100);
const PROCESSES = [1, 2, 4];
const url = postgresUrlFromEnv();
const worker = fileURLToPath(new URL('./postgres-bench-worker.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'dangwu-pg-bench-'));
const schemas: string[] = [];

interface Figures {
  readonly rate: number;
  readonly p50: number;
  readonly p99: number;
  readonly sends: number;
}

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
const fmt = (n: number): string => n.toLocaleString('en-US', { maximumFractionDigits: 1 });

async function run(kind: 'postgres' | 'sqlite', processes: number): Promise<Figures> {
  const schema = `dw_bench_${process.pid}_${kind}_${processes}`;
  if (kind === 'postgres') schemas.push(schema);
  const target = kind === 'postgres' ? url : join(dir, `${schema}.db`);
  // Every worker sets up, then all start sending at the same instant.
  const startAt = Date.now() + 2500 + processes * 500;
  const results = await Promise.all(
    Array.from({ length: processes }, (_, index) =>
      collect(spawnTs(worker, [kind, target, schema, `w${index}`, String(SENDERS), String(SENDS), String(startAt)])),
    ),
  );
  const latencies: number[] = [];
  let sends = 0;
  let elapsedMs = 0;
  for (const result of results) {
    if (result.code !== 0) throw new Error(`${kind} worker failed: ${result.stderr}`);
    const summary = JSON.parse(result.lines.at(-1) ?? '{}') as {
      count: number;
      elapsedMs: number;
      latencies: number[];
    };
    sends += summary.count;
    elapsedMs = Math.max(elapsedMs, summary.elapsedMs);
    latencies.push(...summary.latencies);
  }
  latencies.sort((a, b) => a - b);
  return { rate: sends / (elapsedMs / 1000), p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), sends };
}

try {
  const probe = await probePostgres(url);
  if (!probe.reachable) throw new Error(`no PostgreSQL server at ${url}: ${probe.reason}`);
  console.log(
    `dangwu PostgreSQL bench — node ${process.version}, PostgreSQL ${probe.serverVersion}, ${new Date().toISOString()}`,
  );
  console.log(
    `workload: per process ${SENDERS} concurrent senders × ${SENDS} durable NOTE sends, each sender on its own instance`,
  );
  console.log(
    '| processes | PostgreSQL sends/s | p50 / p99 ms | SQLite sends/s | p50 / p99 ms | throughput PG/SQLite | p99 PG/SQLite |',
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const processes of PROCESSES) {
    const pg = await run('postgres', processes);
    const lite = await run('sqlite', processes);
    console.log(
      `| ${processes} | ${fmt(pg.rate)} | ${fmt(pg.p50)} / ${fmt(pg.p99)} | ${fmt(lite.rate)} | ${fmt(lite.p50)} / ${fmt(lite.p99)} | ${fmt(pg.rate / lite.rate)}× | ${fmt(pg.p99 / lite.p99)}× |`,
    );
  }
} finally {
  await dropPostgresSchema({ connectionString: url, schemas });
  rmSync(dir, { recursive: true, force: true });
}
