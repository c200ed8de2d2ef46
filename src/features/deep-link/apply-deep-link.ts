import { newConnection, updateForm } from '../../store/actions';
import type { NewConnectionForm } from '../../store/types';
import { parseDeepLink } from './utils/deep-link';
import type { DeepLink } from './utils/deep-link';

/** The form a link asks for: a link with a URL describes the whole form; one without only sets what it names. */
export function formFromLink(link: DeepLink): Partial<NewConnectionForm> {
  const patch: Partial<NewConnectionForm> = link.url === undefined ? {} : { url: link.url, protocols: '', name: '', binaryType: 'arraybuffer', message: '', rememberSecrets: false, secretsDropped: false };
  if (link.protocols !== undefined) patch.protocols = link.protocols;
  if (link.name !== undefined) patch.name = link.name;
  if (link.binaryType !== undefined) patch.binaryType = link.binaryType;
  if (link.message !== undefined) patch.message = link.message;
  return patch;
}

function applyHash(): void {
  const link = parseDeepLink(location.hash);
  if (!link) return;
  updateForm(formFromLink(link));
  // The link fills the new-connection bar: show it (a selected connection would hide it).
  newConnection();
}

let started = false;

/**
 * Prefills the new-connection form from `#url=…&protocols=…&message=…` at
 * boot and whenever the fragment changes (pasting a link into the same tab
 * does not reload the page). Never connects or sends: the user clicks
 * Connect, then Send. Call before startApp() so the playground prefill does
 * not replace the link's URL.
 */
export function startDeepLinks(): void {
  if (started || typeof location === 'undefined') return;
  started = true;
  applyHash();
  window.addEventListener('hashchange', applyHash);
}
