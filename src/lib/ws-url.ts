/**
 * The URL field of a new connection, checked the way `new WebSocket(url)`
 * checks it, and plain explanations of what the constructor throws.
 *
 * WHATWG WebSockets, "new WebSocket(url, protocols)":
 * 1. parse url against the page's base URL; failure → SyntaxError;
 * 2. http: becomes ws:, https: becomes wss:; any other scheme but ws:/wss: → SyntaxError;
 * 3. a fragment, even an empty "#" → SyntaxError;
 * then Chromium's own checks. What Chromium 156 does, confirmed with a
 * throwaway Playwright script (the unit tests repeat each finding):
 * - "ftp://h/" → SyntaxError "The URL's scheme must be either 'http', 'https',
 *   'ws', or 'wss'. 'ftp' is not allowed."; the scheme is checked before the
 *   fragment ("ftp://h/#x" reports the scheme);
 * - "ws://h/#" → SyntaxError "The URL contains a fragment identifier ('').
 *   Fragment identifiers are not allowed in WebSocket URLs.";
 * - "" (empty) resolves to the page's own URL and is accepted by the browser;
 *   this module refuses it instead, since it is never what the user meant;
 * - blocked ports (6000, 6667, 0, 10080, ...) do NOT throw: the socket is
 *   created, then fails within milliseconds (error event, close 1006,
 *   console "net::ERR_UNSAFE_PORT") without any packet reaching the port.
 *   So they are a note here, not an error;
 * - an https page opening ws:// throws SecurityError ("An insecure WebSocket
 *   connection may not be initiated from a page loaded over HTTPS.") unless
 *   the host is loopback or a local-network address (see
 *   isMixedContentBlocked), which Chromium lets through to its Local Network
 *   Access check instead;
 * - "ws://u:p@h/" is accepted; the credentials are sent only after the server
 *   answers 401 with a Basic challenge.
 *
 * URL parsing itself is the runtime's URL class, in the page the very parser
 * the WebSocket constructor uses, with one exception: the host is first parsed
 * by the URL Standard's host parser (./url-host.ts), and a host the standard
 * refuses is an error here even where Chromium accepts it. Chromium 156 turns
 * "ws://foo bar/" into "ws://foo%20bar/" and would try to resolve that name;
 * the standard, Node and Firefox refuse it. docs/url-rules.md lists every
 * difference found.
 */
import { parseHost } from './url-host';

export type UrlCheck = { ok: true; url: string; notes: string[] } | { ok: false; error: string };

export const EXAMPLE_WS_URL = 'ws://127.0.0.1:8787/echo';

export const MIXED_CONTENT_MESSAGE =
  'This page is served over https, so the browser blocks insecure ws:// connections (mixed content). Use wss://, or run Sockpit locally with npm start.';

/**
 * Ports Chromium 156 refuses to connect to (net::ERR_UNSAFE_PORT), with the
 * service each belongs to. Found by trying every port 0–65535 in Chromium,
 * then re-checking this list and its neighbours one WebSocket at a time. It is
 * the Fetch standard's "bad port" list minus 4190 and 6679.
 */
export const BLOCKED_PORTS: ReadonlyMap<number, string> = new Map([
  [0, 'no service: port 0 is reserved'],
  [1, 'tcpmux'],
  [7, 'echo'],
  [9, 'discard'],
  [11, 'systat'],
  [13, 'daytime'],
  [15, 'netstat'],
  [17, 'quote of the day'],
  [19, 'chargen'],
  [20, 'FTP data'],
  [21, 'FTP'],
  [22, 'SSH'],
  [23, 'Telnet'],
  [25, 'SMTP'],
  [37, 'time'],
  [42, 'host name server'],
  [43, 'whois'],
  [53, 'DNS'],
  [69, 'TFTP'],
  [77, 'remote job entry'],
  [79, 'finger'],
  [87, 'ttylink'],
  [95, 'SUPDUP'],
  [101, 'NIC host name'],
  [102, 'ISO-TSAP'],
  [103, 'gppitnp'],
  [104, 'ACR-NEMA'],
  [109, 'POP2'],
  [110, 'POP3'],
  [111, 'ONC RPC portmapper'],
  [113, 'ident'],
  [115, 'simple file transfer'],
  [117, 'UUCP path service'],
  [119, 'NNTP'],
  [123, 'NTP'],
  [135, 'Microsoft RPC'],
  [137, 'NetBIOS name service'],
  [139, 'NetBIOS session service'],
  [143, 'IMAP'],
  [161, 'SNMP'],
  [179, 'BGP'],
  [389, 'LDAP'],
  [427, 'service location protocol'],
  [465, 'SMTP over TLS'],
  [512, 'rexec'],
  [513, 'rlogin'],
  [514, 'rsh'],
  [515, 'line printer daemon'],
  [526, 'tempo'],
  [530, 'courier RPC'],
  [531, 'chat'],
  [532, 'netnews'],
  [540, 'UUCP'],
  [548, 'AFP'],
  [554, 'RTSP'],
  [556, 'remotefs'],
  [563, 'NNTP over TLS'],
  [587, 'SMTP submission'],
  [601, 'syslog'],
  [636, 'LDAP over TLS'],
  [989, 'FTP data over TLS'],
  [990, 'FTP over TLS'],
  [993, 'IMAP over TLS'],
  [995, 'POP3 over TLS'],
  [1719, 'H.323 gatekeeper'],
  [1720, 'H.323 call signalling'],
  [1723, 'PPTP'],
  [2049, 'NFS'],
  [3659, 'Apple SASL'],
  [4045, 'NFS lock daemon'],
  [5060, 'SIP'],
  [5061, 'SIP over TLS'],
  [6000, 'X11'],
  [6566, 'SANE scanner daemon'],
  [6665, 'IRC'],
  [6666, 'IRC'],
  [6667, 'IRC'],
  [6668, 'IRC'],
  [6669, 'IRC'],
  [6697, 'IRC over TLS'],
  [10080, 'Amanda backup'],
]);

/** On the Fetch standard's bad-port list, but allowed by Chromium 156. */
const FETCH_ONLY_BAD_PORTS: ReadonlyMap<number, string> = new Map([
  [4190, 'ManageSieve'],
  [6679, 'IRC over TLS'],
]);

export function isBlockedPort(port: number): boolean {
  return BLOCKED_PORTS.has(port);
}

// ---------------------------------------------------------------------------
// Hosts

/**
 * Where a host is, as Chromium's mixed-content and Local Network Access
 * checks see it from the URL alone: 'loopback' (this computer), 'private'
 * (a local-network address or a .local name), 'public' (any other IP
 * address), or 'unknown' (a name only DNS can place).
 */
export type HostSpace = 'loopback' | 'private' | 'public' | 'unknown';

/** The host as a URL would serialize it (lower case, IPv4 dotted, IPv6 in brackets), or null. */
function canonicalHost(hostname: string): string | null {
  let h = hostname.trim();
  if (h === '' || /[/?#@\\]/.test(h)) return null;
  if (h.includes(':') && !h.startsWith('[')) h = `[${h}]`;
  try {
    return new URL(`http://${h}/`).hostname;
  } catch {
    return null;
  }
}

function parseIPv4(h: string): number[] | null {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(h);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])] : null;
}

/** Eight 16-bit pieces of a canonical "[...]" IPv6 host (hex groups, at most one "::"). */
function parseIPv6(h: string): number[] | null {
  if (!h.startsWith('[') || !h.endsWith(']')) return null;
  const body = h.slice(1, -1);
  const halves = body.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const fill = halves.length === 2 ? 8 - head.length - tail.length : 0;
  const groups = [...head, ...Array<string>(Math.max(fill, 0)).fill('0'), ...tail];
  if (groups.length !== 8 || !groups.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return null;
  return groups.map((g) => parseInt(g, 16));
}

function ipv4Space(a: number, b: number): HostSpace {
  if (a === 127) return 'loopback';
  if (
    a === 0 ||
    a === 10 ||
    (a === 100 && b >= 64 && b <= 127) ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168)
  ) {
    return 'private';
  }
  return 'public';
}

function ipv6Space(g: number[]): HostSpace {
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = g;
  const zeroTo4 = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0;
  if (zeroTo4 && g5 === 0 && g6 === 0 && g7 === 1) return 'loopback'; // ::1
  if (zeroTo4 && g5 === 0 && g6 === 0 && g7 === 0) return 'private'; // ::
  if (zeroTo4 && g5 === 0xffff) return ipv4Space(g6 >> 8, g6 & 0xff); // ::ffff:a.b.c.d
  if ((g0 & 0xfe00) === 0xfc00) return 'private'; // fc00::/7, unique local
  if ((g0 & 0xff80) === 0xfe80) return 'private'; // fe80::/10 link-local and fec0::/10 site-local
  if (g0 === 0x2001 && g1 === 0x0db8) return 'private'; // 2001:db8::/32, documentation
  return 'public';
}

/**
 * Classifies a host name as written in a URL ("127.0.0.1", "[::1]",
 * "printer.local", "example.com"). The ranges are the ones Chromium 156
 * exempted from the mixed-content SecurityError, tested address by address:
 * IPv4 0/8, 10/8, 100.64/10, 127/8, 169.254/16, 172.16/12, 192.168/16; IPv6
 * ::, ::1, fc00::/7, fe80::/9, 2001:db8::/32 and IPv4-mapped forms of those;
 * names "localhost", "*.localhost", "local" and "*.local" (a trailing dot
 * allowed).
 */
export function hostSpace(hostname: string): HostSpace {
  const h = canonicalHost(hostname);
  if (h === null) return 'unknown';
  const v4 = parseIPv4(h);
  if (v4) return ipv4Space(v4[0] ?? 0, v4[1] ?? 0);
  const v6 = parseIPv6(h);
  if (v6) return ipv6Space(v6);
  const name = h.endsWith('.') ? h.slice(0, -1) : h;
  if (name === 'localhost' || name.endsWith('.localhost')) return 'loopback';
  if (name === 'local' || name.endsWith('.local')) return 'private';
  return 'unknown';
}

/** This computer: 127.0.0.0/8, localhost, *.localhost (trailing dot allowed) and [::1]. */
export function isLoopbackHost(hostname: string): boolean {
  const h = canonicalHost(hostname);
  if (h === null) return false;
  const v4 = parseIPv4(h);
  if (v4) return v4[0] === 127;
  if (h === '[::1]') return true;
  const name = h.endsWith('.') ? h.slice(0, -1) : h;
  return name === 'localhost' || name.endsWith('.localhost');
}

/**
 * Whether Chromium throws SecurityError for this effective WebSocket URL on a
 * page with this protocol: an https page, a ws: URL, and a host that is
 * neither loopback nor a local-network address.
 */
export function isMixedContentBlocked(url: string, pageProtocol: string): boolean {
  if (normalizeProtocol(pageProtocol) !== 'https:') return false;
  const u = tryParse(url);
  if (!u || (u.protocol !== 'ws:' && u.protocol !== 'http:')) return false;
  const space = hostSpace(u.hostname);
  return space === 'public' || space === 'unknown';
}

// ---------------------------------------------------------------------------
// The URL field

const SPACE_RANK: Record<HostSpace, number> = { unknown: 0, public: 0, private: 1, loopback: 2 };

/**
 * The effective URL `new WebSocket(input)` would use on a page whose base URL
 * is `baseUrl` (document.baseURI), or why it would throw. Notes explain
 * rewrites and warn about connections the browser will accept but fail.
 */
export function checkWebSocketUrl(input: string, baseUrl: string): UrlCheck {
  const trimmed = trimC0AndSpace(input);
  if (trimmed === '') return { ok: false, error: `Enter a WebSocket URL, such as ${EXAMPLE_WS_URL}` };
  const base = tryParse(baseUrl);

  // The URL Standard's host rules first: the runtime's parser may be laxer.
  const rawHost = hostAsWritten(trimmed.replace(/[\t\n\r]/g, ''), base);
  let standardHost: string | undefined;
  if (rawHost !== null && rawHost !== '') {
    const host = parseHost(rawHost);
    if (!host.ok) return { ok: false, error: host.kind === 'domain' ? host.error : `Not a valid URL: ${host.error}` };
    standardHost = host.host;
  }

  const parsed = tryParse(trimmed, base ?? undefined);
  if (!parsed) return { ok: false, error: `Not a valid URL: ${diagnose(trimmed, base)}` };

  const notes: string[] = [];
  const absolute = tryParse(trimmed);
  const relative = absolute === null || absolute.href !== parsed.href;
  if (relative) notes.push('relative URL resolved against this page');

  const scheme = parsed.protocol;
  if (scheme !== 'ws:' && scheme !== 'wss:' && scheme !== 'http:' && scheme !== 'https:') {
    return { ok: false, error: schemeError(scheme, trimmed, relative) };
  }

  let href = parsed.href;
  const hash = href.indexOf('#');
  if (hash >= 0) return { ok: false, error: `Remove the fragment "${href.slice(hash)}": WebSocket URLs cannot have one` };

  if (scheme === 'http:') {
    href = `ws:${href.slice('http:'.length)}`;
    notes.push('http: becomes ws:');
  } else if (scheme === 'https:') {
    href = `wss:${href.slice('https:'.length)}`;
    notes.push('https: becomes wss:');
  }

  if (base && isMixedContentBlocked(href, base.protocol)) return { ok: false, error: MIXED_CONTENT_MESSAGE };

  if (relative && /^[a-z0-9.-]+:\d+(?:[/?]|$)/i.test(trimmed)) {
    notes.push(`"${trimmed}" has no scheme, so it was read as a path on this page; for a server, write ws://${trimmed}`);
  }
  if (/[\t\n\r]/.test(trimmed)) notes.push('tabs and line breaks inside the URL are removed');
  const rewrite = standardHost === undefined ? null : hostRewriteNote(parsed.hostname, standardHost);
  if (rewrite !== null) notes.push(rewrite);
  if (parsed.hostname.includes('xn--') && !trimmed.toLowerCase().includes('xn--')) {
    notes.push(`the host name is sent as ${parsed.hostname}`);
  }
  if (parsed.username !== '' || parsed.password !== '') {
    notes.push('the user name and password are sent only if the server asks for them (HTTP 401, Basic authentication)');
  }

  const port = parsed.port === '' ? undefined : Number(parsed.port);
  if (port !== undefined) {
    const blocked = BLOCKED_PORTS.get(port);
    const fetchOnly = FETCH_ONLY_BAD_PORTS.get(port);
    if (blocked !== undefined) {
      notes.push(`port ${port} is blocked by browsers (${blocked}): the connection fails at once with net::ERR_UNSAFE_PORT`);
    } else if (fetchOnly !== undefined) {
      notes.push(`port ${port} (${fetchOnly}) is on the Fetch standard's blocked list: Chromium allows it, other browsers may not`);
    }
  }

  const target = hostSpace(parsed.hostname);
  if (base && (target === 'loopback' || target === 'private') && SPACE_RANK[target] > SPACE_RANK[hostSpace(base.hostname)]) {
    notes.push(
      `${parsed.host} is ${target === 'loopback' ? 'on this computer' : 'on your local network'}: Chromium asks for permission first (Local Network Access), and the connection fails with 1006 if it is refused`,
    );
  }

  return { ok: true, url: href, notes };
}

/** The schemes whose URLs are "special" in the URL Standard (a host is required). */
const SPECIAL_SCHEMES = new Set(['ws', 'wss', 'http', 'https', 'ftp']);

/**
 * The host as written in `input` (already trimmed, tabs and line breaks
 * removed), when a ws:, wss:, http: or https: URL carries a host of its own;
 * null when the host comes from the page (a relative URL) or the scheme is
 * another one. Follows the URL Standard's states: after "scheme:" (or, for a
 * relative URL, after a leading "//"), any run of "/" and "\" is skipped,
 * the authority ends at "/", "\", "?" or "#", the last "@" ends the user
 * info, and a ":" outside "[...]" starts the port. "http:x" on an http: page
 * is a path on that page, as "ws:x" is not (its scheme differs from the page's).
 */
export function hostAsWritten(input: string, base: URL | null): string | null {
  let rest: string;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(input);
  if (scheme) {
    const name = (scheme[1] ?? '').toLowerCase();
    if (!SPECIAL_SCHEMES.has(name) || name === 'ftp') return null;
    rest = input.slice(scheme[0].length);
    if (base?.protocol === `${name}:` && !/^[/\\]{2}/.test(rest)) return null;
  } else {
    if (!base || !SPECIAL_SCHEMES.has(base.protocol.slice(0, -1)) || !/^[/\\]{2}/.test(input)) return null;
    rest = input;
  }
  rest = rest.replace(/^[/\\]+/, '');
  const end = rest.search(/[/\\?#]/);
  const authority = end < 0 ? rest : rest.slice(0, end);
  const hostPort = authority.slice(authority.lastIndexOf('@') + 1);
  let inBrackets = false;
  for (let i = 0; i < hostPort.length; i++) {
    const ch = hostPort.charAt(i);
    if (ch === '[') inBrackets = true;
    else if (ch === ']') inBrackets = false;
    else if (ch === ':' && !inBrackets) return hostPort.slice(0, i);
  }
  return hostPort;
}

/**
 * A note when the runtime's URL parser wrote the host differently from the
 * URL Standard: Chromium 156 percent-encodes "*" ("ws://a*b/" → host
 * "a%2Ab") and connects to that name.
 */
export function hostRewriteNote(runtimeHost: string, standardHost: string): string | null {
  if (runtimeHost === standardHost) return null;
  return `this browser sends the host as ${runtimeHost}; by the URL standard it is ${standardHost}`;
}

/** Schemes that are never a host name typed without "ws://". */
const KNOWN_SCHEMES = new Set(['about:', 'blob:', 'data:', 'file:', 'ftp:', 'javascript:', 'mailto:', 'tel:', 'urn:', 'view-source:']);

function schemeError(scheme: string, input: string, relative: boolean): string {
  const base = `Unsupported scheme "${scheme}": use ws:, wss:, http: or https:`;
  // "localhost:8787/echo" parses as scheme "localhost:"; say what was meant.
  if (!KNOWN_SCHEMES.has(scheme) && /^[a-z][a-z0-9+.-]*:\d+(?:[/?]|$)/i.test(input)) {
    return `${base} (for a server, write ws://${input})`;
  }
  if (relative) return `${base} (a relative URL takes this page's scheme)`;
  return base;
}

/** Why a string the URL parser refused is not a URL, as specifically as can be told. */
function diagnose(s: string, base: URL | null): string {
  const hasScheme = /^[a-z][a-z0-9+.-]*:/i.test(s);
  if (!hasScheme && (!base || tryParse('x', base) === null)) {
    return `"${s}" has no scheme and this page has no base URL to resolve it against: start it with ws:// or wss://`;
  }
  const m = /^(?:[a-z][a-z0-9+.-]*:)?[/\\]{2}([^/\\?#]*)/i.exec(s);
  if (m) {
    const authority = m[1] ?? '';
    const hostPort = authority.slice(authority.lastIndexOf('@') + 1);
    let host: string;
    let port: string | undefined;
    if (hostPort.startsWith('[')) {
      const close = hostPort.indexOf(']');
      if (close < 0) return 'the IPv6 address has no closing "]"';
      host = hostPort.slice(0, close + 1);
      const rest = hostPort.slice(close + 1);
      if (rest !== '' && !rest.startsWith(':')) return `unexpected text "${rest}" after the IPv6 address`;
      port = rest === '' ? undefined : rest.slice(1);
    } else {
      const colon = hostPort.indexOf(':');
      host = colon < 0 ? hostPort : hostPort.slice(0, colon);
      port = colon < 0 ? undefined : hostPort.slice(colon + 1);
    }
    if (host === '') return 'the host name is missing';
    if (port !== undefined && port !== '') {
      if (!/^\d+$/.test(port)) return `the port "${port}" is not a number`;
      if (Number(port) > 65535) return `port ${port} is out of range (0–65535)`;
    }
    // A host the URL Standard refuses was reported before the runtime parsed
    // the URL (checkWebSocketUrl); this one passed those rules.
    return `the host name "${host}" is not valid`;
  }
  return `"${s}" cannot be parsed`;
}

/** The URL parser drops leading and trailing C0 controls and spaces. */
function trimC0AndSpace(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && s.charCodeAt(start) <= 0x20) start++;
  while (end > start && s.charCodeAt(end - 1) <= 0x20) end--;
  return s.slice(start, end);
}

// ---------------------------------------------------------------------------
// Constructor errors

function tryParse(url: string, base?: URL | string): URL | null {
  try {
    return new URL(url, base);
  } catch {
    return null;
  }
}

function normalizeProtocol(p: string): string {
  const lower = p.trim().toLowerCase();
  return lower.endsWith(':') ? lower : `${lower}:`;
}

function errorParts(err: unknown): { name: string; message: string } {
  if (typeof err === 'object' && err !== null) {
    const { name, message } = err as { name?: unknown; message?: unknown };
    return { name: typeof name === 'string' ? name : '', message: typeof message === 'string' ? message : String(err) };
  }
  return { name: '', message: String(err) };
}

/**
 * What `new WebSocket(url, protocols)` threw, in words a user can act on.
 * `url` is what was passed to the constructor; `pageProtocol` is
 * location.protocol of the page or Worker ("https:" or "https").
 */
export function explainConstructorError(err: unknown, url: string, pageProtocol: string): string {
  const { name, message } = errorParts(err);
  const detail = message.replace(/^Failed to construct 'WebSocket': /, '');
  if (name === 'SecurityError') {
    const target = tryParse(url);
    const scheme = target?.protocol;
    if (normalizeProtocol(pageProtocol) === 'https:' && (scheme === 'ws:' || scheme === 'http:')) return MIXED_CONTENT_MESSAGE;
    if (target && target.port !== '') {
      const port = Number(target.port);
      const service = BLOCKED_PORTS.get(port) ?? FETCH_ONLY_BAD_PORTS.get(port);
      if (service !== undefined) {
        return `Port ${port} is blocked by browsers because it belongs to another protocol (${service}). Serve the WebSocket on another port.`;
      }
    }
    return `The browser refused this connection for security reasons: ${detail || name}`;
  }
  if (name === 'SyntaxError') {
    if (/subprotocol/i.test(detail)) return `The browser refused the subprotocol list: ${detail}`;
    return `The browser refused the URL: ${detail || name}`;
  }
  if (name === '') return message;
  return message === '' ? name : `${name}: ${message}`;
}
