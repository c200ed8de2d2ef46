import wasmUrl from '@jitl/quickjs-wasmfile-release-sync/wasm?url';
import type { SandboxEngine } from '../../lib/sandbox/engine';
import { createSandboxEngine } from '../../lib/sandbox/load';
import { answerTransfer, handleRequest } from '../../lib/sandbox/protocol';
import type { SandboxRequest, SandboxResponse } from '../../lib/sandbox/protocol';
import { sandboxError } from '../../lib/sandbox/types';

// The dedicated Worker that runs user scripts (docs/user-code.md): QuickJS in
// WebAssembly, the .wasm fetched on the first request. Requests are answered
// one at a time, in order; a script never sees this Worker's global (it has
// its own engine global), and nothing a script does reaches the console.

let engine: Promise<SandboxEngine> | null = null;
const queue: SandboxRequest[] = [];
let running = false;

function post(res: SandboxResponse): void {
  const transfer = res.answer && !Array.isArray(res.answer) ? answerTransfer(res.answer) : [];
  self.postMessage(res, { transfer });
}

async function drain(): Promise<void> {
  if (running) return;
  running = true;
  try {
    engine ??= createSandboxEngine(undefined, wasmUrl);
    let e: SandboxEngine | null = null;
    try {
      e = await engine;
    } catch (err) {
      // Could not fetch or compile the .wasm (offline, a CSP without 'wasm-unsafe-eval'): fail these, try again on the next request.
      engine = null;
      const error = sandboxError('crashed', `the sandbox engine could not start (${err instanceof Error ? err.message : String(err)})`);
      while (queue.length > 0) {
        const req = queue.shift();
        if (!req) break;
        post({ id: req.id, answer: req.op === 'decode' ? req.frames.map(() => ({ ok: false as const, error })) : { ok: false, error } });
      }
      return;
    }
    while (queue.length > 0) {
      const req = queue.shift();
      if (!req) break;
      post(handleRequest(e, req));
    }
  } finally {
    running = false;
  }
}

self.addEventListener('message', (ev: MessageEvent<SandboxRequest>) => {
  queue.push(ev.data);
  void drain();
});
// Nothing from here may reach the page's console as an uncaught error.
self.addEventListener('error', (ev) => ev.preventDefault());
self.addEventListener('unhandledrejection', (ev) => ev.preventDefault());
