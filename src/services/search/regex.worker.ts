import { serveRegex } from '../../lib/filter/regex-deadline';
import type { RegexReply, RegexRequest } from '../../lib/filter/regex-deadline';

// The dedicated Worker that runs the filter's regular expressions: a regex
// with catastrophic backtracking stalls this thread, never the page's, and
// the page terminates it past the deadline (regex-worker.ts).
const post = (reply: RegexReply) => {
  if (reply.type === 'test') self.postMessage(reply, { transfer: [reply.hits.buffer] });
  else self.postMessage(reply);
};

self.addEventListener('message', (e: MessageEvent<RegexRequest>) => {
  serveRegex(e.data, post);
});

self.postMessage({ type: 'ready' });
