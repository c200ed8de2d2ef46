/**
 * `sockpit`, the command-line runner (docs/flows.md, "The CLI"): the same
 * flow engine and session core as the browser, on Node with `ws`. Built for
 * Node by scripts/build-cli.mjs (Vite, SSR build) and started by
 * bin/sockpit.mjs, which builds it first when its sources changed.
 *
 * Exit codes: 0 every step passed, 1 a step failed (or the run was
 * stopped), 2 a bad flow file or bad arguments.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { createNodeCore } from '../core/node';
import { runFlow } from '../core/flows/engine';
import { createInProcessSandbox } from '../lib/sandbox/in-process';
import { DEFAULT_SANDBOX_LIMITS } from '../lib/sandbox/types';
import { exportArtillery } from '../lib/flows/artillery';
import { maskSecrets, resolveVariables } from '../lib/flows/environments';
import { parseFlow } from '../lib/flows/parse';
import type { Environment, FlowDocument } from '../lib/flows/types';
import { environmentIssues, formatIssue, stepLabel, validateFlow } from '../lib/flows/validate';
import { parseArgs, USAGE } from './args';
import type { Command } from './args';
import { junitReport, prettyReport, tapReport, resultName } from './reporters';

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readFile: (path: string) => Promise<string>;
  writeFile: (path: string, text: string) => Promise<void>;
  /** Ctrl+C: aborts the run (its sockets are closed) */
  signal?: AbortSignal;
}

export const nodeIo = (signal?: AbortSignal): Io => ({
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  readFile: (p) => readFile(p, 'utf8'),
  writeFile: (p, t) => writeFile(p, t, 'utf8'),
  ...(signal ? { signal } : {}),
});

const VERSION = '0.1.0';

class Bad extends Error {}

async function read(io: Io, file: string, what: string): Promise<string> {
  try {
    return await io.readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new Bad(`${file}: cannot read the ${what}${code === 'ENOENT' ? ': no such file' : code ? ` (${code})` : ''}`);
  }
}

async function loadEnvFiles(io: Io, files: readonly string[]): Promise<Environment[]> {
  const all: Environment[] = [];
  for (const f of files) {
    const parsed = await parseFlow(await read(io, f, 'environment file'));
    if (!parsed.ok) throw new Bad(parsed.issues.map((i) => `${f}: ${formatIssue(i)}`).join('\n'));
    const v = parsed.value;
    const envs = Array.isArray(v) ? v : typeof v === 'object' && v !== null && 'environments' in v ? (v as { environments: unknown }).environments : undefined;
    if (envs === undefined) throw new Bad(`${f}: an environment file is { "environments": [ { "name": "local", "variables": { "host": { "value": "…" } } } ] } or that array`);
    const issues = environmentIssues(envs);
    if (issues.length) throw new Bad(issues.map((i) => `${f}: ${formatIssue(i)}`).join('\n'));
    all.push(...(envs as Environment[]));
  }
  return all;
}

interface Loaded {
  doc: FlowDocument;
  variables: Record<string, string>;
  secrets: string[];
}

/** Reads, parses and validates the flow with its environment and --var values; a Bad error says what is wrong. */
async function load(io: Io, cmd: Exclude<Command, { command: 'help' | 'version' }>): Promise<Loaded> {
  const text = await read(io, cmd.file, 'flow file');
  const parsed = await parseFlow(text);
  if (!parsed.ok) throw new Bad(parsed.issues.map((i) => `${cmd.file}: ${formatIssue(i)}`).join('\n'));
  const extra = await loadEnvFiles(io, cmd.envFiles);
  const value = parsed.value as Partial<FlowDocument>;
  const shapeIssues = validateFlow(parsed.value, { knownVariables: [...Object.keys(cmd.vars), ...extra.flatMap((e) => Object.keys(e.variables ?? {})), ...envNames(value, cmd.env)] });
  if (shapeIssues.length) throw new Bad(shapeIssues.map((i) => `${cmd.file}: ${formatIssue(i, parsed.value)}`).join('\n'));
  const doc = parsed.value as FlowDocument;
  const vars = resolveVariables(doc, cmd.env, cmd.vars, extra);
  if (!vars.ok) throw new Bad(`${cmd.file}: --env: ${vars.error}`);
  // With the environment chosen, check the variables again: only its names are known now.
  const issues = validateFlow(doc, { knownVariables: Object.keys(vars.variables) });
  if (issues.length) throw new Bad(issues.map((i) => `${cmd.file}: ${formatIssue(i, doc)}`).join('\n'));
  return { doc, variables: vars.variables, secrets: vars.secrets };
}

function envNames(doc: Partial<FlowDocument>, env: string | undefined): string[] {
  if (env === undefined || !Array.isArray(doc.environments)) return [];
  return doc.environments.filter((e) => e?.name === env).flatMap((e) => (e && typeof e.variables === 'object' ? Object.keys(e.variables) : []));
}

export async function main(argv: readonly string[], io: Io): Promise<number> {
  const args = parseArgs(argv);
  if (!args.ok) {
    io.stderr(`sockpit: ${args.error}\n\n${USAGE}\n`);
    return 2;
  }
  const cmd = args.cmd;
  if (cmd.command === 'help') {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if (cmd.command === 'version') {
    io.stdout(`sockpit ${VERSION}\n`);
    return 0;
  }
  let loaded: Loaded;
  try {
    loaded = await load(io, cmd);
  } catch (e) {
    if (e instanceof Bad) {
      io.stderr(`sockpit: bad flow: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const { doc, variables, secrets } = loaded;
  const mask = (t: string) => maskSecrets(t, variables, secrets);

  if (cmd.command === 'validate') {
    io.stdout(`${cmd.file}: a valid flow, ${doc.steps.length} step${doc.steps.length === 1 ? '' : 's'}\n`);
    return 0;
  }
  if (cmd.command === 'export-artillery') {
    const out = exportArtillery(doc, { variables, secrets, includeSecrets: cmd.includeSecrets, format: cmd.format, duration: cmd.duration, arrivalRate: cmd.arrivalRate });
    for (const w of out.warnings) io.stderr(`sockpit: note: ${w}\n`);
    if (cmd.output) await io.writeFile(cmd.output, out.text);
    else io.stdout(out.text);
    return 0;
  }

  const core = createNodeCore();
  // The flow's scripts run in QuickJS (WebAssembly) in this process, with the same limits as the page's sandbox (src/lib/sandbox/in-process.ts says why in-process).
  const sandbox = doc.scripts?.length
    ? createInProcessSandbox({
        ...DEFAULT_SANDBOX_LIMITS,
        ...(cmd.scriptMs !== undefined ? { callMs: cmd.scriptMs } : {}),
        ...(cmd.scriptMemoryMb !== undefined ? { memoryBytes: cmd.scriptMemoryMb * 1024 * 1024 } : {}),
      })
    : undefined;
  const run = await runFlow(doc, {
    core,
    variables,
    ...(sandbox ? { sandbox } : {}),
    ...(cmd.timeoutMs !== undefined ? { defaultTimeoutMs: cmd.timeoutMs } : {}),
    ...(io.signal ? { signal: io.signal } : {}),
  });
  if (run.status === 'invalid') {
    io.stderr(`sockpit: bad flow: ${run.issues.map((i) => `${cmd.file}: ${formatIssue(i, doc)}`).join('\n')}\n`);
    return 2;
  }
  const input = { doc, file: cmd.file, run, mask };
  const report = cmd.reporter === 'junit' ? junitReport(input) : cmd.reporter === 'tap' ? tapReport(input) : prettyReport(input);
  if (cmd.output) await io.writeFile(cmd.output, report);
  else io.stdout(report);
  if (run.failure) {
    const f = run.failure;
    const lines = [`sockpit: FAILED ${resultName(f, doc)}: ${f.message}`];
    if (f.expected) lines.push(`  expected:   ${f.expected}`);
    if (f.closest) lines.push(`  closest:    ${f.closest}`);
    if (f.difference) lines.push(...f.difference.split('\n').map((d, i) => `  ${i === 0 ? 'difference: ' : '            '}${d}`));
    io.stderr(`${mask(lines.join('\n'))}\n`);
    return 1;
  }
  if (run.status === 'stopped') {
    const at = run.steps.find((s) => s.status === 'stopped');
    io.stderr(`sockpit: stopped${at ? ` during ${stepLabel(at.step, doc)}` : ''}; the sockets it opened are closed\n`);
    return 1;
  }
  return 0;
}
