/**
 * The command line of `sockpit` (docs/flows.md, "The CLI"). Pure: argv in,
 * a command or one clear error out (exit code 2).
 */

export type Reporter = 'pretty' | 'junit' | 'tap';

export interface RunCommand {
  command: 'run';
  file: string;
  env?: string;
  envFiles: string[];
  vars: Record<string, string>;
  reporter: Reporter;
  output?: string;
  timeoutMs?: number;
  /** the sandbox's limits for the flow's scripts (docs/user-code.md) */
  scriptMs?: number;
  scriptMemoryMb?: number;
}

export interface ExportCommand {
  command: 'export-artillery';
  file: string;
  env?: string;
  envFiles: string[];
  vars: Record<string, string>;
  format: 'yaml' | 'json';
  output?: string;
  includeSecrets: boolean;
  duration: number;
  arrivalRate: number;
}

export interface ValidateCommand {
  command: 'validate';
  file: string;
  env?: string;
  envFiles: string[];
  vars: Record<string, string>;
}

export type Command = RunCommand | ExportCommand | ValidateCommand | { command: 'help' } | { command: 'version' };
export type ArgsParse = { ok: true; cmd: Command } | { ok: false; error: string };

export const USAGE = `Usage:
  sockpit run <flow.json|flow.yaml> [--env NAME] [--env-file FILE]... [--var NAME=VALUE]...
                [--reporter pretty|junit|tap] [--output FILE] [--timeout MS]
                [--script-ms MS] [--script-memory-mb MB]
  sockpit validate <flow> [--env NAME] [--env-file FILE]... [--var NAME=VALUE]...
  sockpit export-artillery <flow> [--env NAME] [--env-file FILE]... [--var NAME=VALUE]...
                [--format yaml|json] [--output FILE] [--duration S] [--arrival-rate N] [--include-secrets]

Exit codes: 0 every step passed, 1 a step failed, 2 a bad flow file or bad arguments.
Docs: docs/flows.md`;

const VAR = /^([A-Za-z_][A-Za-z0-9_.-]*)=(.*)$/s;

function positiveInt(flag: string, v: string, max: number): number | string {
  if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > max) return `${flag} must be a whole number from 1 to ${max}; got "${v}"`;
  return Number(v);
}

export function parseArgs(argv: readonly string[]): ArgsParse {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') return { ok: true, cmd: { command: 'help' } };
  if (command === '--version' || command === '-v') return { ok: true, cmd: { command: 'version' } };
  if (command !== 'run' && command !== 'export-artillery' && command !== 'validate') {
    return { ok: false, error: `unknown command "${command}": use run, validate or export-artillery` };
  }
  const files: string[] = [];
  const vars: Record<string, string> = {};
  const envFiles: string[] = [];
  let env: string | undefined;
  let reporter: Reporter = 'pretty';
  let output: string | undefined;
  let timeoutMs: number | undefined;
  let scriptMs: number | undefined;
  let scriptMemoryMb: number | undefined;
  let format: 'yaml' | 'json' = 'yaml';
  let includeSecrets = false;
  let duration = 10;
  let arrivalRate = 1;
  const runOnly = new Set(['--reporter', '--timeout', '--script-ms', '--script-memory-mb']);
  const exportOnly = new Set(['--format', '--duration', '--arrival-rate', '--include-secrets']);
  for (let i = 0; i < rest.length; i++) {
    let arg = rest[i] ?? '';
    let value: string | undefined;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    if (eq > 0) {
      value = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    if (!arg.startsWith('-') || arg === '-') {
      files.push(arg);
      continue;
    }
    if (runOnly.has(arg) && command !== 'run') return { ok: false, error: `${arg} is an option of sockpit run` };
    if (exportOnly.has(arg) && command !== 'export-artillery') return { ok: false, error: `${arg} is an option of sockpit export-artillery` };
    if (arg === '--output' && command === 'validate') return { ok: false, error: '--output is an option of run and export-artillery' };
    if (arg === '--include-secrets') {
      includeSecrets = true;
      continue;
    }
    const known = ['--env', '--env-file', '--var', '--reporter', '--output', '--timeout', '--script-ms', '--script-memory-mb', '--format', '--duration', '--arrival-rate'];
    if (!known.includes(arg)) return { ok: false, error: `unknown option ${arg}` };
    if (value === undefined) {
      value = rest[++i];
      if (value === undefined) return { ok: false, error: `${arg} needs a value` };
    }
    switch (arg) {
      case '--env':
        env = value;
        break;
      case '--env-file':
        envFiles.push(value);
        break;
      case '--var': {
        const m = VAR.exec(value);
        if (!m) return { ok: false, error: `--var takes NAME=VALUE (a name starts with a letter or _); got "${value}"` };
        vars[m[1] ?? ''] = m[2] ?? '';
        break;
      }
      case '--reporter':
        if (value !== 'pretty' && value !== 'junit' && value !== 'tap') return { ok: false, error: `--reporter is pretty, junit or tap; got "${value}"` };
        reporter = value;
        break;
      case '--output':
        output = value;
        break;
      case '--timeout': {
        const n = positiveInt('--timeout', value, 600_000);
        if (typeof n === 'string') return { ok: false, error: n };
        timeoutMs = n;
        break;
      }
      case '--script-ms': {
        const n = positiveInt('--script-ms', value, 10_000);
        if (typeof n === 'string') return { ok: false, error: n };
        scriptMs = n;
        break;
      }
      case '--script-memory-mb': {
        const n = positiveInt('--script-memory-mb', value, 1024);
        if (typeof n === 'string') return { ok: false, error: n };
        scriptMemoryMb = n;
        break;
      }
      case '--format':
        if (value !== 'yaml' && value !== 'json') return { ok: false, error: `--format is yaml or json; got "${value}"` };
        format = value;
        break;
      case '--duration': {
        const n = positiveInt('--duration', value, 86_400);
        if (typeof n === 'string') return { ok: false, error: n };
        duration = n;
        break;
      }
      case '--arrival-rate': {
        const n = positiveInt('--arrival-rate', value, 100_000);
        if (typeof n === 'string') return { ok: false, error: n };
        arrivalRate = n;
        break;
      }
    }
  }
  if (files.length === 0) return { ok: false, error: `sockpit ${command} needs a flow file` };
  if (files.length > 1) return { ok: false, error: `one flow file at a time; got ${files.map((f) => `"${f}"`).join(', ')}` };
  const file = files[0] ?? '';
  const common = { file, envFiles, vars, ...(env !== undefined ? { env } : {}) };
  if (command === 'run') {
    return {
      ok: true,
      cmd: {
        command,
        ...common,
        reporter,
        ...(output !== undefined ? { output } : {}),
        ...(timeoutMs !== undefined ? { timeoutMs } : {}),
        ...(scriptMs !== undefined ? { scriptMs } : {}),
        ...(scriptMemoryMb !== undefined ? { scriptMemoryMb } : {}),
      },
    };
  }
  if (command === 'validate') return { ok: true, cmd: { command, ...common } };
  return { ok: true, cmd: { command, ...common, format, includeSecrets, duration, arrivalRate, ...(output !== undefined ? { output } : {}) } };
}
