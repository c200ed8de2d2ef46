// @ts-check
/**
 * A small Vite plugin that makes the build an installable, offline-capable
 * PWA without a runtime dependency: after the build is written, it lists every
 * file in the output directory (source maps, host config files such as
 * `_headers`, and the service worker itself excepted), hashes their contents,
 * and writes `sw.js` from `sw-template.js` with that list and hash. The
 * manifest and icons come from public/. The app registers `./sw.js` only in
 * production builds (src/features/pwa/register-sw.ts).
 */
import { createHash } from 'node:crypto';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const TEMPLATE = fileURLToPath(new URL('./sw-template.js', import.meta.url));

/** @param {string} name a path relative to the output directory, with "/" */
export function isPrecached(name) {
  if (name.endsWith('.map') || name === 'sw.js') return false;
  const base = name.slice(name.lastIndexOf('/') + 1);
  return !base.startsWith('_') && !base.startsWith('.');
}

/** @param {string} dir */
async function walk(dir) {
  /** @type {string[]} */
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(path)));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

/**
 * The service worker's source for these files (paths relative to the scope).
 * @param {string} template
 * @param {string[]} files
 * @param {string} version
 */
export function serviceWorkerSource(template, files, version) {
  return template.replace('__SOCKPIT_VERSION__', version).replace('/* __SOCKPIT_FILES__ */ []', JSON.stringify(files));
}

/** @returns {import('vite').Plugin} */
export function sockpitPwa() {
  /** @type {string} */
  let outDir = 'dist';
  return {
    name: 'sockpit-pwa',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      const paths = (await walk(outDir)).map((p) => relative(outDir, p).split(sep).join('/')).filter(isPrecached).sort();
      const hash = createHash('sha256');
      for (const p of paths) {
        hash.update(p);
        hash.update(await readFile(join(outDir, p)));
      }
      const files = paths;
      const template = await readFile(TEMPLATE, 'utf8');
      await writeFile(join(outDir, 'sw.js'), serviceWorkerSource(template, files, hash.digest('hex').slice(0, 16)));
    },
  };
}
