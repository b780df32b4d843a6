import type { LocalDate } from '@dangwu/rules';
import type { InstanceView } from '@dangwu/runtime';
import { escapeXml } from '../svg/xml-escape.js';
import type { InspectedInstance } from './instance-reader.js';

/** What the inspect page shows. */
export interface InspectPageData {
  /** Every instance, for the list on the left. */
  readonly instances: readonly InstanceView[];
  /** The selected instance, or undefined when the store is empty. */
  readonly selected: InspectedInstance | undefined;
  /** The selected instance's statechart as SVG, its current states carrying the class `active`. */
  readonly svg: string;
  /** Event types the selected instance's machine takes. */
  readonly eventTypes: readonly string[];
  /** Today (Asia/Shanghai), used for the event template. */
  readonly today: LocalDate;
}

const STYLE = `
body{margin:0;font-family:'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',system-ui,sans-serif;color:#0f172a;background:#f1f5f9}
header{padding:12px 20px;background:#1e293b;color:#f8fafc}header h1{margin:0;font-size:18px}
main{display:grid;grid-template-columns:220px minmax(0,1fr) 420px;gap:16px;padding:16px}
section{background:#fff;border:1px solid #cbd5e1;border-radius:8px;padding:12px;margin-bottom:16px}
h2{font-size:15px;margin:0 0 8px}nav ul{list-style:none;padding:0;margin:0}nav li{margin:4px 0}
nav a{color:#1d4ed8;text-decoration:none}nav a.current{font-weight:700;color:#b45309}
.chart{overflow:auto;max-height:80vh}table{border-collapse:collapse;width:100%;font-size:13px}
th,td{border-bottom:1px solid #e2e8f0;padding:4px 6px;text-align:left;vertical-align:top}
tr.overdue td{background:#fee2e2}.muted{color:#64748b;font-size:12px}
textarea{width:100%;box-sizing:border-box;font-family:ui-monospace,monospace;font-size:12px}
#explanation .allowed{color:#15803d}#explanation .refused,#explanation .invalid,#explanation .not-accepted{color:#b91c1c}
#explanation li{font-size:13px;margin:2px 0}code{font-size:12px}
`.trim();

const SCRIPT = `
document.querySelector('.chart .dw-leaf.active')?.scrollIntoView({ block: 'center', inline: 'center' });
const form = document.getElementById('explain-form');
const select = form.elements.namedItem('type');
const text = form.elements.namedItem('event');
const template = JSON.parse(document.getElementById('event-template').textContent);
function fill() { text.value = JSON.stringify({ ...template, type: select.value }, null, 2); }
select.addEventListener('change', fill);
fill();
form.addEventListener('submit', async (submit) => {
  submit.preventDefault();
  const out = document.getElementById('explanation');
  let event;
  try { event = JSON.parse(text.value); } catch (error) { out.textContent = 'JSON 无效 / invalid JSON: ' + error.message; return; }
  out.textContent = '…';
  const response = await fetch('/api/explain', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ instanceId: form.dataset.instance, event }),
  });
  const body = await response.json();
  out.replaceChildren();
  if (!response.ok) { out.textContent = body.error; return; }
  const verdict = document.createElement('p');
  verdict.className = body.verdict;
  verdict.dataset.verdict = body.verdict;
  verdict.textContent = body.verdict + '：' + body.message.zh;
  const english = document.createElement('p');
  english.className = 'muted';
  english.textContent = body.message.en;
  const list = document.createElement('ul');
  for (const check of body.checks) {
    const item = document.createElement('li');
    item.dataset.rule = check.ruleId;
    item.textContent = (check.ok ? '✓ ' : check.severity === 'block' ? '✗ ' : '⚠ ') + '[' + check.ruleId + '] ' + check.message.zh;
    list.append(item);
  }
  out.append(verdict, english, list);
});
`.trim();

function instanceList(data: InspectPageData): string {
  const current = data.selected?.view.id;
  const items = data.instances.map((view) => {
    // The deepest state of the main region (`case.…`) says where the case is; other regions follow it.
    const step =
      [...view.state].sort(
        (a, b) => Number(b.startsWith('case.')) - Number(a.startsWith('case.')) || b.length - a.length,
      )[0] ?? '';
    return `<li><a href="/?instance=${encodeURIComponent(view.id)}"${view.id === current ? ' class="current"' : ''}>${escapeXml(view.id)}</a><br><span class="muted">${escapeXml(view.processId)} · ${escapeXml(view.status === 'done' ? '已办结' : step)}</span></li>`;
  });
  return `<nav><section><h2>实例 / Instances</h2><ul id="instances">${items.join('')}</ul></section></nav>`;
}

function deadlineTables(selected: InspectedInstance): string {
  const pending = selected.deadlines.map(
    (deadline) =>
      `<tr class="${deadline.overdue ? 'overdue' : 'pending'}" data-rule="${escapeXml(deadline.ruleId)}"><td>${escapeXml(deadline.due)}${deadline.provisional ? ' *' : ''}</td><td><code>${escapeXml(deadline.ruleId)}</code></td><td>${escapeXml(deadline.text.zh)}</td><td>${deadline.overdue ? '已逾期' : '待办'}</td></tr>`,
  );
  const overdue = selected.overdue.map(
    (record) =>
      `<tr class="overdue" data-rule="${escapeXml(record.ruleId)}"><td>${escapeXml(record.due)}</td><td><code>${escapeXml(record.ruleId)}</code></td><td>${escapeXml(record.text.zh)}</td></tr>`,
  );
  return [
    '<section><h2>待办期限 / Pending deadlines</h2>',
    pending.length > 0
      ? `<table id="deadlines"><thead><tr><th>期限</th><th>规则</th><th>事项</th><th>状态</th></tr></thead><tbody>${pending.join('')}</tbody></table>`
      : '<p id="deadlines" class="muted">无待办期限 / none</p>',
    '</section><section><h2>已逾期 / Missed deadlines</h2>',
    overdue.length > 0
      ? `<table id="overdue"><thead><tr><th>期限</th><th>规则</th><th>事项</th></tr></thead><tbody>${overdue.join('')}</tbody></table>`
      : '<p id="overdue" class="muted">无逾期记录 / none</p>',
    '</section>',
  ].join('');
}

function explainForm(selected: InspectedInstance, data: InspectPageData): string {
  const template = {
    type: data.eventTypes[0] ?? '',
    occurredOn: data.today,
    actor: { id: 'inspector', roles: ['branch-committee'], orgId: selected.view.orgId },
  };
  const options = data.eventTypes.map((type) => `<option value="${escapeXml(type)}">${escapeXml(type)}</option>`);
  return [
    '<section><h2>现在能办理吗？/ Explain an event</h2>',
    `<form id="explain-form" data-instance="${escapeXml(selected.view.id)}">`,
    `<p><label>事件 / Event <select name="type">${options.join('')}</select></label></p>`,
    '<p><textarea name="event" rows="10" spellcheck="false"></textarea></p>',
    '<p><button type="submit">解释 / Explain</button> <span class="muted">只解释，不写入 / nothing is written</span></p>',
    '</form>',
    // JSON inside a script element: only `<` needs escaping to keep `</script>` out.
    `<script type="application/json" id="event-template">${JSON.stringify(template).replaceAll('<', '\\u003c')}</script>`,
    '<div id="explanation" aria-live="polite"></div></section>',
  ].join('');
}

/** The inspect page's HTML: instance list, statechart with the current state highlighted, deadlines, explain form. */
export function inspectPage(data: InspectPageData): string {
  const selected = data.selected;
  const middle = selected
    ? `<section><h2>${escapeXml(selected.view.id)} · ${escapeXml(selected.view.processId)} ${escapeXml(selected.view.processVersion)} · <span id="state">${escapeXml(selected.view.state.join(', '))}</span></h2><div class="chart">${data.svg}</div></section>`
    : '<section><p>数据文件中没有实例；先运行 <code>dangwu demo</code>。/ No instances: run <code>dangwu demo</code> first.</p></section>';
  const right = selected ? `<div>${deadlineTables(selected)}${explainForm(selected, data)}</div>` : '<div></div>';
  return [
    '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">',
    `<title>dangwu inspect${selected ? ` · ${escapeXml(selected.view.id)}` : ''}</title>`,
    `<style>${STYLE}</style></head><body>`,
    '<header><h1>dangwu inspect · 流程实例检查（本地，无需联网）</h1></header>',
    `<main>${instanceList(data)}<div>${middle}</div>${right}</main>`,
    selected ? `<script type="module">${SCRIPT}</script>` : '',
    '</body></html>',
  ].join('\n');
}
