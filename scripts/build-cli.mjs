// Builds the `sockpit` CLI for Node (src/cli/main.ts → dist-cli/<build>/sockpit.mjs)
// with Vite's SSR build: dependencies (ws, yaml, @cfworker/json-schema) stay
// imports from node_modules, the lenses stay lazy chunks. bin/sockpit.mjs
// calls ensureCli() on every start, which builds only when a source under
// src/cli, src/core or src/lib is newer than (or different from) the last
// build, so `npm exec sockpit -- run …` works right after `npm ci`.
//
// Builds go to a fresh folder and dist-cli/current.json is switched to it
// with a rename, so two CLIs starting at once never see a half-written build.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist-cli');
const SOURCES = ['src/cli', 'src/core', 'src/lib', 'scripts/build-cli.mjs', 'package.json'];

/** @param {string} path */
function newest(path) {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = 0;
  for (const e of readdirSync(path, { withFileTypes: true })) max = Math.max(max, newest(join(path, e.name)));
  return max;
}

function sourceStamp() {
  return Math.max(...SOURCES.map((p) => newest(join(root, p))));
}

function current() {
  try {
    return JSON.parse(readFileSync(join(out, 'current.json'), 'utf8'));
  } catch {
    return null;
  }
}

export async function buildCli() {
  const stamp = sourceStamp();
  const name = `build-${Date.now()}-${process.pid}`;
  const dir = join(out, name);
  const { build } = await import('vite');
  await build({
    configFile: false,
    root,
    logLevel: 'error',
    publicDir: false,
    build: {
      ssr: join(root, 'src/cli/main.ts'),
      outDir: dir,
      target: 'node20',
      emptyOutDir: true,
      minify: false,
      sourcemap: false,
      rollupOptions: { output: { format: 'es', entryFileNames: 'sockpit.mjs', chunkFileNames: 'chunks/[name]-[hash].mjs' } },
    },
  });
  mkdirSync(out, { recursive: true });
  const tmp = join(out, `current.json.${process.pid}`);
  writeFileSync(tmp, JSON.stringify({ dir: name, stamp }));
  renameSync(tmp, join(out, 'current.json'));
  // Old builds: keep the two newest others (a CLI started a moment ago may still load a lens chunk from one).
  const builds = readdirSync(out).filter((d) => d.startsWith('build-') && d !== name).sort();
  for (const d of builds.slice(0, Math.max(0, builds.length - 2))) rmSync(join(out, d), { recursive: true, force: true });
  return join(dir, 'sockpit.mjs');
}

/** The built CLI's entry, built first when missing or older than its sources. */
export async function ensureCli() {
  const cur = current();
  if (cur && cur.stamp === sourceStamp()) {
    const entry = join(out, cur.dir, 'sockpit.mjs');
    try {
      statSync(entry);
      return entry;
    } catch {
      // removed: build again
    }
  }
  return buildCli();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const entry = await buildCli();
  console.log(`sockpit CLI built: ${entry.slice(root.length + 1)}`);
}
