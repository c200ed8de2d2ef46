// @ts-check
/**
 * Initial JS and CSS of the real app build, gzipped: every file that
 * index.html loads before anything else happens (module scripts, modulepreload
 * and stylesheet links). Lazily imported chunks and the socket Worker are
 * listed apart: they are not on the critical path.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * The href/src of each initially loaded JS or CSS file of a built index.html.
 * @param {string} html
 * @returns {{ js: string[], css: string[] }}
 */
export function initialAssets(html) {
  /** @type {string[]} */
  const js = [];
  /** @type {string[]} */
  const css = [];
  for (const [tag] of html.matchAll(/<(?:script|link)\b[^>]*>/gi)) {
    const attr = (/** @type {string} */ name) => new RegExp(`\\b${name}\\s*=\\s*["']([^"']*)["']`, 'i').exec(tag)?.[1];
    if (tag.toLowerCase().startsWith('<script')) {
      const src = attr('src');
      if (src) js.push(src);
    } else {
      const rel = attr('rel')?.toLowerCase();
      const href = attr('href');
      if (!href) continue;
      if (rel === 'modulepreload') js.push(href);
      else if (rel === 'stylesheet') css.push(href);
    }
  }
  return { js, css };
}

/** @param {Buffer} data */
function gz(data) {
  return gzipSync(data, { level: 9 }).length;
}

/**
 * Builds the app (the project's own vite.config.ts) into a temporary folder,
 * so a build another person is using in dist/ is left alone, and measures it.
 * @param {string} root repository root
 */
export async function measureAppBundle(root) {
  const outDir = await mkdtemp(join(tmpdir(), 'sockpit-bench-app-'));
  try {
    const built = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', outDir, '--emptyOutDir'], {
      cwd: root,
      encoding: 'utf8',
    });
    if (built.status !== 0) {
      return { ok: /** @type {const} */ (false), error: `vite build failed:\n${(built.stdout + built.stderr).split('\n').slice(-15).join('\n')}` };
    }
    const html = await readFile(join(outDir, 'index.html'), 'utf8');
    const initial = initialAssets(html);
    /** @param {string} href */
    const local = (href) => join(outDir, href.replace(/^\.?\//, ''));
    /** @param {string[]} hrefs */
    const measure = async (hrefs) => {
      const files = [];
      for (const href of hrefs) {
        const data = await readFile(local(href));
        files.push({ file: href.replace(/^\.?\//, ''), raw: data.length, gzip: gz(data) });
      }
      return { files, raw: files.reduce((s, f) => s + f.raw, 0), gzip: files.reduce((s, f) => s + f.gzip, 0) };
    };
    const js = await measure(initial.js);
    const css = await measure(initial.css);
    const initialSet = new Set([...js.files, ...css.files].map((f) => f.file));
    const assets = (await readdir(join(outDir, 'assets'))).filter((f) => /\.(js|css)$/.test(f)).map((f) => `assets/${f}`);
    const rest = await measure(assets.filter((f) => !initialSet.has(f)));
    const worker = rest.files.filter((f) => /worker/i.test(f.file));
    const lazy = rest.files.filter((f) => !/worker/i.test(f.file));
    return { ok: /** @type {const} */ (true), js, css, worker, lazy };
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}
