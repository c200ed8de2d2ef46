/**
 * What `sockpit run` prints (docs/flows.md): pretty lines for people, JUnit
 * XML for CI dashboards, TAP 13. Each takes the finished run and gives text.
 * Secret values (environment variables marked secret) are masked.
 */
import type { FlowRun } from '../core/flows/engine';
import { stepLabel } from '../lib/flows/validate';
import type { FlowDocument, StepResult } from '../lib/flows/types';

export interface ReportInput {
  doc: FlowDocument;
  file: string;
  run: FlowRun;
  /** masks secrets in any text shown */
  mask: (text: string) => string;
}

/** The results that end a step (not the 'running' notices), as the run kept them. */
const ended = (run: FlowRun) => run.steps.filter((s) => s.status !== 'running' && s.status !== 'pending');

export function resultName(r: StepResult, doc: FlowDocument): string {
  return `${stepLabel(r.step, doc)}${r.iteration?.length ? ` [iteration ${r.iteration.join('.')}]` : ''}`;
}

const ms = (r: { startedAt: number; endedAt: number }) => Math.max(0, r.endedAt - r.startedAt);

function details(r: StepResult): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  if (r.expected) out.push(['expected', r.expected]);
  if (r.closest) out.push(['closest', r.closest]);
  if (r.difference) out.push(['difference', r.difference]);
  return out;
}

export function summaryLine(run: FlowRun): string {
  const s = ended(run);
  const count = (st: string) => s.filter((r) => r.status === st).length;
  const parts = [`${count('passed')} passed`, `${count('failed')} failed`];
  if (count('skipped')) parts.push(`${count('skipped')} skipped`);
  if (count('stopped')) parts.push(`${count('stopped')} stopped`);
  return `${parts.join(', ')} (${((run.endedAt - run.startedAt) / 1000).toFixed(2)} s)`;
}

const MARK: Record<string, string> = { passed: '✓', failed: '✗', skipped: '-', stopped: '■' };

export function prettyReport({ doc, file, run, mask }: ReportInput): string {
  const lines = [`Flow "${doc.name}" (${file})`];
  for (const r of ended(run)) {
    lines.push(mask(`  ${MARK[r.status] ?? '?'} ${resultName(r, doc)}: ${r.message}${r.status === 'skipped' ? '' : ` (${Math.round(ms(r))} ms)`}`));
    for (const [k, v] of details(r)) {
      const [first, ...more] = v.split('\n');
      lines.push(mask(`      ${`${k}:`.padEnd(12)}${first ?? ''}`));
      for (const m of more) lines.push(mask(`      ${''.padEnd(12)}${m}`));
    }
  }
  lines.push(summaryLine(run));
  return `${lines.join('\n')}\n`;
}

/** Text as XML character data: the five entities escaped, characters XML 1.0 forbids replaced by U+FFFD. */
export function xmlEscape(s: string): string {
  return s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const secs = (n: number) => (Math.max(0, n) / 1000).toFixed(3);

export function junitReport({ doc, run, mask }: ReportInput): string {
  const s = ended(run);
  const failures = s.filter((r) => r.status === 'failed').length;
  const skipped = s.filter((r) => r.status === 'skipped' || r.status === 'stopped').length;
  const x = (t: string) => xmlEscape(mask(t));
  const suite = x(doc.name);
  const time = secs(run.endedAt - run.startedAt);
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="sockpit" tests="${s.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${time}">`,
    `  <testsuite name="${suite}" tests="${s.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${time}" timestamp="${new Date(run.startedAt).toISOString().replace(/\.\d+Z$/, '')}">`,
  ];
  for (const r of s) {
    const open = `    <testcase classname="${suite}" name="${x(resultName(r, doc))}" time="${secs(ms(r))}"`;
    if (r.status === 'passed') out.push(`${open}/>`);
    else if (r.status === 'failed') {
      const body = [r.message, ...details(r).map(([k, v]) => `${k}: ${v}`)].join('\n');
      out.push(`${open}>`, `      <failure message="${x(r.message)}" type="${x(stepType(r, doc))}">${x(body)}</failure>`, '    </testcase>');
    } else out.push(`${open}>`, `      <skipped message="${x(r.message)}"/>`, '    </testcase>');
  }
  out.push('  </testsuite>', '</testsuites>');
  return `${out.join('\n')}\n`;
}

function stepType(r: StepResult, doc: FlowDocument): string {
  let steps: unknown = doc.steps;
  let type = 'step';
  for (const i of r.step) {
    const st = (steps as Array<{ type: string; steps?: unknown }> | undefined)?.[i];
    type = st?.type ?? type;
    steps = st?.steps;
  }
  return type;
}

const yamlLine = (v: string) => JSON.stringify(v);

export function tapReport({ doc, run, mask }: ReportInput): string {
  const s = ended(run);
  const out = ['TAP version 13'];
  s.forEach((r, i) => {
    const name = mask(`${resultName(r, doc)}: ${r.message}`).replace(/#/g, '\\#').replace(/\n/g, ' ');
    if (r.status === 'passed') out.push(`ok ${i + 1} - ${name}`);
    else if (r.status === 'failed') {
      out.push(`not ok ${i + 1} - ${name}`, '  ---', `  message: ${yamlLine(mask(r.message))}`);
      for (const [k, v] of details(r)) out.push(`  ${k}: ${yamlLine(mask(v))}`);
      out.push(`  duration_ms: ${Math.round(ms(r))}`, '  ...');
    } else out.push(`ok ${i + 1} - ${name} # SKIP ${r.status}`);
  });
  out.push(`1..${s.length}`, `# ${summaryLine(run)}`);
  return `${out.join('\n')}\n`;
}
