import { useStore } from '../store/store';
import { createConnection, focusComposer, updateForm } from '../store/actions';
import { setLearn } from '../features/learn/toggle';
import { shortcutRows } from '../components/ui/command-items';
import { commandItems } from './commands';

/** The playground's routes, each a one-click start. */
const STARTS: { name: string; path: string; what: string }[] = [
  { name: 'Echo', path: '/echo', what: 'Every message comes back, text as text, binary as binary.' },
  { name: 'Chat', path: '/chat?room=lobby', what: 'Messages go to everyone in the room: open it twice.' },
  { name: 'Ticker', path: '/ticker?rate=5', what: 'A JSON tick five times a second.' },
  { name: 'Binary', path: '/binary', what: 'Four binary frames on connect, then an echo.' },
  { name: 'Close codes', path: '/close?code=4001&reason=bye', what: 'The server closes at once with 4001 "bye".' },
  { name: 'Drop', path: '/drop?after=2000', what: 'The TCP connection is cut after 2 s: 1006, not clean.' },
  { name: 'Flood', path: '/flood?count=100000&size=64&type=text', what: '100,000 messages as fast as the browser reads.' },
];

function start(url: string) {
  updateForm({ url, protocols: '', name: '' });
  if (createConnection().ok) focusComposer();
}

/** With nothing selected: the playground as one-click starts, a way into the lessons, and the keys. */
export function FirstScreen() {
  const playground = useStore((s) => s.playground);
  const none = useStore((s) => s.connections.length === 0);
  return (
    <div className="min-h-0 flex-1 overflow-y-auto p-4">
      <div className="mx-auto flex max-w-4xl flex-col gap-5">
        <section aria-labelledby="starts-heading" className="flex flex-col gap-2">
          <h2 id="starts-heading" className="text-base font-semibold text-zinc-100">
            {none ? 'Start with the playground' : 'New connection'}
          </h2>
          <p className="text-sm text-zinc-400">
            {playground
              ? `Type a URL above and press Enter, or pick a route of the playground server (${playground}).`
              : 'Type a ws:// or wss:// URL above and press Enter. The routes below need the playground server: run “npm start” from the Sockpit repository, which serves it on 127.0.0.1.'}
          </p>
          <ul className="grid grid-cols-1 gap-2 sm:grid-cols-2 lg:grid-cols-3">
            {STARTS.map((s) => (
              <li key={s.path}>
                <button
                  type="button"
                  disabled={!playground}
                  onClick={() => playground && start(`${playground}${s.path}`)}
                  className="flex h-full w-full flex-col gap-0.5 rounded-md border border-zinc-700 bg-zinc-900 p-2 text-left hover:border-sky-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-400 disabled:cursor-not-allowed disabled:opacity-70"
                >
                  <span className="text-sm font-medium text-zinc-100">
                    {s.name} <span className="font-mono text-xs text-zinc-400">{s.path}</span>
                  </span>
                  <span className="text-xs text-zinc-400">{playground ? s.what : `${s.what} Needs the playground server.`}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="learn-heading" className="flex flex-wrap items-center gap-3 rounded-md border border-zinc-800 p-3">
          <h2 id="learn-heading" className="text-sm font-semibold text-zinc-100">
            New to WebSockets?
          </h2>
          <button type="button" className="rounded-md bg-sky-700 px-3 py-1 text-sm font-medium text-white hover:brightness-110 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-400" onClick={() => setLearn(true)}>
            Learn the WebSocket API
          </button>
          <span className="text-xs text-zinc-400">Six guided lessons, the code of what you do, and every event explained.</span>
        </section>
        <section aria-labelledby="keys-heading" className="flex flex-col gap-1">
          <h2 id="keys-heading" className="text-sm font-semibold text-zinc-100">
            Keys
          </h2>
          <dl className="grid grid-cols-1 gap-x-6 gap-y-1 text-xs text-zinc-300 sm:grid-cols-2">
            {shortcutRows(commandItems()).map((k) => (
              <div key={k.keys.join('+')} className="flex gap-2">
                <dt className="w-20 shrink-0 font-mono text-zinc-100">{k.keys.join(' + ')}</dt>
                <dd>{k.text}</dd>
              </div>
            ))}
          </dl>
        </section>
      </div>
    </div>
  );
}
