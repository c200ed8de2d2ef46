import { newQuickJSWASMModuleFromVariant, newVariant } from 'quickjs-emscripten-core';
import type { QuickJSWASMModule } from 'quickjs-emscripten-core';
import { SandboxEngine } from './engine';
import type { SandboxLimits } from './types';

/**
 * Makes an engine from the release-sync wasm-file variant of QuickJS. Under
 * Node the variant reads its .wasm from node_modules; in the page's Worker
 * `wasmLocation` is the URL Vite gave the .wasm file (fetched when the first
 * script loads, never by the first screen).
 */
export async function loadQuickJS(wasmLocation?: string): Promise<QuickJSWASMModule> {
  const base = (await import('@jitl/quickjs-wasmfile-release-sync')).default;
  return newQuickJSWASMModuleFromVariant(wasmLocation ? newVariant(base, { wasmLocation }) : base);
}

export async function createSandboxEngine(limits?: Partial<SandboxLimits>, wasmLocation?: string): Promise<SandboxEngine> {
  return new SandboxEngine(await loadQuickJS(wasmLocation), limits);
}
