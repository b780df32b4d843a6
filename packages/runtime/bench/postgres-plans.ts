// Seeds a PostgreSQL schema with a realistic volume and prints the EXPLAIN (ANALYZE) plan of every query
// the PostgreSQL store runs, with the store's own SQL. The output is pasted into docs/guides/postgres.md.
// Run: node --conditions=@dangwu/source --import ./scripts/register-ts.mjs bench/postgres-plans.ts [-- --instances 200000]
import { Pool } from 'pg';
import { createPostgresStore, dropPostgresSchema, postgresUrlFromEnv } from '../src/postgres.js';
import { listInstancesStatement, postgresQueries } from '../src/store/postgres-queries.js';
import type { InstanceQuery } from '../src/store/store.js';

function flag(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : Number.NaN;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

const INSTANCES = flag('instances', 200_000);
const url = postgresUrlFromEnv();
const schema = `dw_plans_${process.pid}`;
const store = await createPostgresStore({ connectionString: url, schema });
await store.close();
const pool = new Pool({ connectionString: url, max: 1 });
const s = `"${schema}"`;

// Organisations: root → g0..g9 → b000..b199 (20 branches each). Instance n lives in branch n % 200.
// States cycle drafting / review / approved; half the instances have a deadline in 2026; each instance has
// two timers, one fired and one pending (due across 2026).
await pool.query(
  `INSERT INTO ${s}.instances (id, process_id, process_version, org_path, state_paths, earliest_due, version, record)
   SELECT id, CASE WHEN n % 5 = 0 THEN 'member-development' ELSE 'fixture-review' END, CASE WHEN n % 10 = 0 THEN '2' ELSE '1' END,
          ARRAY['root', 'g' || ((n % 200) / 20), 'b' || lpad((n % 200)::text, 3, '0')],
          CASE n % 3 WHEN 0 THEN ARRAY['open', 'open.drafting'] WHEN 1 THEN ARRAY['open', 'open.review'] ELSE ARRAY['approved'] END,
          CASE WHEN (n / 200) % 2 = 0 THEN to_char(date '2026-01-01' + (n * 7919 % 365), 'YYYY-MM-DD') END,
          1 + n % 7, json_build_object('id', id, 'pad', repeat('x', 600))
     FROM (SELECT n, 'i' || lpad(n::text, 8, '0') AS id FROM generate_series(0, $1 - 1) AS n) AS g`,
  [INSTANCES],
);
await pool.query(
  `INSERT INTO ${s}.instance_orgs (org_id, instance_id, earliest_due)
   SELECT org, i.id, i.earliest_due FROM ${s}.instances i CROSS JOIN unnest(i.org_path) AS org`,
);
await pool.query(
  `INSERT INTO ${s}.timers (instance_id, deadline_id, due_at, status, record)
   SELECT i.id, d.deadline_id,
          extract(epoch FROM timestamptz '2026-01-01 00:00+08' + ((hashtext(i.id || d.deadline_id) & 511) % 365) * interval '1 day') * 1000,
          d.status, json_build_object('instanceId', i.id, 'deadlineId', d.deadline_id)
     FROM ${s}.instances i CROSS JOIN (VALUES ('a', 'fired'), ('b', 'pending')) AS d(deadline_id, status)`,
);
await pool.query(
  `INSERT INTO ${s}.audit (instance_id, seq, entry)
   SELECT i.id, seq, json_build_object('seq', seq, 'pad', repeat('y', 300))
     FROM ${s}.instances i CROSS JOIN generate_series(1, 4) AS seq`,
);
await pool.query(`ANALYZE ${s}.instances; ANALYZE ${s}.instance_orgs; ANALYZE ${s}.timers; ANALYZE ${s}.audit`);

const sql = postgresQueries(schema, 'database');
const plans: { title: string; text: string; values: unknown[] }[] = [];
const list = (title: string, query: InstanceQuery): void => {
  plans.push({ title, ...listInstancesStatement(schema, query) });
};
list('List one branch (withinOrg = a branch, first page of 100)', { withinOrg: 'b017', limit: 100 });
list('List a general branch subtree (20 branches), next page by keyset', {
  withinOrg: 'g3',
  afterId: 'i00050000',
  limit: 100,
});
list('List the whole tree (withinOrg = root), keyset page', { withinOrg: 'root', afterId: 'i00100000', limit: 100 });
list('State within a subtree (withinOrg + state)', { withinOrg: 'g3', state: 'open.review', limit: 100 });
list('Overdue in a branch (engine list with overdue: withinOrg + dueBefore)', {
  withinOrg: 'b017',
  dueBefore: '2026-06-01',
  limit: 100,
});
list('Overdue across the tree, few rows due (withinOrg = root + dueBefore)', {
  withinOrg: 'root',
  dueBefore: '2026-01-08',
  limit: 100,
});
list('Instances of a process version (migration)', { processId: 'member-development', processVersion: '2' });
plans.push({ title: 'Read one instance', text: sql.getInstance, values: ['i00012345'] });
plans.push({ title: 'Audit of one instance', text: sql.getAudit, values: ['i00012345'] });
plans.push({ title: 'Timers of one instance', text: sql.getTimers, values: ['i00012345'] });
plans.push({
  title: 'Claim due timers (FOR UPDATE SKIP LOCKED, database clock), batch of 512',
  text: sql.claimDue,
  values: [Date.UTC(2026, 0, 20), 'node-a', 512, 60_000],
});
plans.push({ title: 'Next timer due for this node', text: sql.nextDue, values: ['node-a', null] });
plans.push({
  title: 'Next timer due for this node after a row it failed to fire',
  text: sql.nextDue,
  values: ['node-a', Date.UTC(2026, 5, 1)],
});

console.log(`<!-- postgres-plans: ${INSTANCES} instances, ${INSTANCES * 2} timers, ${INSTANCES * 4} audit entries -->`);
try {
  for (const plan of plans) {
    await pool.query('BEGIN');
    const result = await pool.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) ${plan.text}`,
      plan.values,
    );
    await pool.query('ROLLBACK');
    const parameters = plan.values.map((value, index) => `$${index + 1} = ${JSON.stringify(value)}`).join(', ');
    console.log(`\n### ${plan.title}\n`);
    console.log('```sql');
    // On one line, without the SQL's own comments (they would swallow the rest of the line).
    const oneLine = plan.text
      .replace(/--[^\n]*/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    console.log(`${oneLine}\n-- ${parameters || 'no parameters'}`);
    console.log('```\n\n```text');
    console.log(result.rows.map((row) => row['QUERY PLAN']).join('\n'));
    console.log('```');
  }
} finally {
  await pool.end();
  await dropPostgresSchema({ connectionString: url, schemas: [schema] });
}
