import { describe, expect, it } from 'vitest';
import { parseArgs } from './args';
import { xmlEscape } from './reporters';

describe('parseArgs', () => {
  it('reads run with every option, in both --flag value and --flag=value forms', () => {
    expect(parseArgs(['run', 'f.json', '--env', 'staging', '--env-file', 'e.json', '--var', 'a=1', '--var=b=x=y', '--reporter=junit', '--output', 'o.xml', '--timeout', '2500'])).toEqual({
      ok: true,
      cmd: { command: 'run', file: 'f.json', env: 'staging', envFiles: ['e.json'], vars: { a: '1', b: 'x=y' }, reporter: 'junit', output: 'o.xml', timeoutMs: 2500 },
    });
    expect(parseArgs(['export-artillery', 'f.json', '--format', 'json', '--duration', '60', '--arrival-rate', '5', '--include-secrets'])).toMatchObject({
      ok: true,
      cmd: { command: 'export-artillery', format: 'json', duration: 60, arrivalRate: 5, includeSecrets: true },
    });
    expect(parseArgs([])).toEqual({ ok: true, cmd: { command: 'help' } });
  });

  it('refuses bad arguments with one clear error', () => {
    const err = (argv: string[]) => {
      const r = parseArgs(argv);
      return r.ok ? '' : r.error;
    };
    expect(err(['go', 'f.json'])).toBe('unknown command "go": use run, validate or export-artillery');
    expect(err(['run'])).toBe('sockpit run needs a flow file');
    expect(err(['run', 'a.json', 'b.json'])).toBe('one flow file at a time; got "a.json", "b.json"');
    expect(err(['run', 'f.json', '--timeout', '0'])).toBe('--timeout must be a whole number from 1 to 600000; got "0"');
    expect(err(['run', 'f.json', '--timeout', '1.5'])).toContain('--timeout must be a whole number');
    expect(err(['run', 'f.json', '--var', '1x=2'])).toContain('--var takes NAME=VALUE');
    expect(err(['run', 'f.json', '--env'])).toBe('--env needs a value');
    expect(err(['run', 'f.json', '--nope'])).toBe('unknown option --nope');
    expect(err(['run', 'f.json', '--format', 'json'])).toBe('--format is an option of sockpit export-artillery');
    expect(err(['export-artillery', 'f.json', '--reporter', 'tap'])).toBe('--reporter is an option of sockpit run');
  });
});

describe('xmlEscape', () => {
  it('escapes markup and replaces characters XML 1.0 forbids', () => {
    expect(xmlEscape('<a b="c">&\'')).toBe('&lt;a b=&quot;c&quot;&gt;&amp;&apos;');
    expect(xmlEscape('nul\u0000 esc\u001b ok\t\n')).toBe('nul\uFFFD esc\uFFFD ok\t\n');
  });
});
