/**
 * Credentials inside WebSocket URLs: browsers cannot set an Authorization
 * header on `new WebSocket(url)`, so tokens travel in the query string
 * (`?token=…`, `?access_token=…`, signed URLs with `X-Amz-Signature=…`) or,
 * rarely, as userinfo (`wss://user:pass@host/`). This module finds them so the
 * UI can mask them on screen and leave them out of storage and shared links.
 *
 * Everything works on the URL as typed (no parsing through `URL`, which would
 * rewrite it): only the userinfo and the values of credential-like query
 * parameters change; the rest of the string is kept byte for byte.
 */

/** What a masked value is shown as. */
export const MASK = '•••';

/** Parameter names (one word, lower case) that hold a credential. */
const SECRET_WORDS = new Set([
  'token',
  'tokens',
  'jwt',
  'bearer',
  'auth',
  'authorization',
  'authentication',
  'key',
  'apikey',
  'password',
  'passwd',
  'passphrase',
  'pass',
  'pwd',
  'pw',
  'secret',
  'secrets',
  'signature',
  'sig',
  'hmac',
  'credential',
  'credentials',
  'session',
  'sessionid',
  'sessid',
  'phpsessid',
  'sid',
  'cookie',
  'otp',
  'ticket',
  'nonce',
]);

/** Endings that mark a credential in names written as one word ("accesstoken", "xapikey"). */
const SECRET_ENDINGS = ['token', 'apikey', 'secret', 'password', 'passwd', 'signature', 'sessionid', 'credential', 'credentials', 'auth'];

/** The words of a parameter name: "X-Amz-Signature" → x, amz, signature; "apiKey" → api, key. */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
}

/**
 * Whether a query parameter name looks like it holds a credential: token,
 * access_token, api_key, apiKey, auth, password, secret, signature,
 * X-Amz-Signature, X-Amz-Credential, session, sid, jwt and the like.
 * Errs on the side of masking: a masked harmless value costs less than a
 * leaked token.
 */
export function isSecretName(name: string): boolean {
  const ws = words(name);
  if (ws.some((w) => SECRET_WORDS.has(w))) return true;
  const joined = ws.join('');
  return SECRET_ENDINGS.some((end) => joined.endsWith(end));
}

function decodeName(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

interface UrlParts {
  /** "wss://" or "" when the URL has no authority */
  schemeAndSlashes: string;
  /** the userinfo without its "@", or null */
  userinfo: string | null;
  /** host, port and path */
  rest: string;
  /** the query without "?", or null */
  query: string | null;
  /** "#…" or "" */
  fragment: string;
}

function split(url: string): UrlParts {
  let s = url;
  let fragment = '';
  const hash = s.indexOf('#');
  if (hash >= 0) {
    fragment = s.slice(hash);
    s = s.slice(0, hash);
  }
  let query: string | null = null;
  const q = s.indexOf('?');
  if (q >= 0) {
    query = s.slice(q + 1);
    s = s.slice(0, q);
  }
  let schemeAndSlashes = '';
  let userinfo: string | null = null;
  const authority = /^(\s*[a-z][a-z0-9+.-]*:[/\\]{2}|\s*[/\\]{2})/i.exec(s);
  if (authority) {
    schemeAndSlashes = authority[0];
    s = s.slice(schemeAndSlashes.length);
    const end = s.search(/[/\\]/);
    const auth = end < 0 ? s : s.slice(0, end);
    const at = auth.lastIndexOf('@');
    if (at >= 0) {
      userinfo = auth.slice(0, at);
      s = s.slice(at + 1);
    }
  }
  return { schemeAndSlashes, userinfo, rest: s, query, fragment };
}

/**
 * A value that is only `{{name}}` references (`{{token}}`, `{{user}}:{{pass}}`):
 * it names an environment variable (lib/environments.ts) rather than holding
 * a secret, so it is shown and stored as typed; the environment masks the value.
 */
const REFERENCES_ONLY = /^(?:\{\{\s*[A-Za-z_][A-Za-z0-9_.-]*\s*\}\}|:)+$/;

export function isVariableReference(value: string): boolean {
  return REFERENCES_ONLY.test(value) && value.includes('{{');
}

type ParamEdit = (name: string, value: string) => string | null;

/** Rewrites each `name=value` pair of a query; `null` keeps the pair as it was. */
function editQuery(query: string, edit: ParamEdit): string {
  return query
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return pair;
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (value === '' || isVariableReference(value) || !isSecretName(decodeName(name))) return pair;
      return edit(name, value) ?? pair;
    })
    .join('&');
}

function join(p: UrlParts, userinfo: string | null, query: string | null): string {
  return `${p.schemeAndSlashes}${userinfo === null ? '' : `${userinfo}@`}${p.rest}${query === null ? '' : `?${query}`}${p.fragment}`;
}

/**
 * The URL for display: the userinfo and the value of every credential-like
 * query parameter replaced by •••. Not a usable URL; show it, never connect
 * to it.
 */
export function maskUrl(url: string): string {
  const p = split(url);
  const userinfo = p.userinfo === null || p.userinfo === '' || isVariableReference(p.userinfo) ? p.userinfo : MASK;
  const query = p.query === null ? null : editQuery(p.query, (name) => `${name}=${MASK}`);
  return join(p, userinfo, query);
}

/** Whether the URL carries a userinfo or a non-empty credential-like query parameter. */
export function hasSecrets(url: string): boolean {
  return maskUrl(url) !== url;
}

/**
 * The URL without its secrets, still a usable URL: the userinfo is dropped
 * and each credential-like parameter keeps its name with an empty value
 * (`?token=`), so the user sees where the secret went.
 */
export function stripSecrets(url: string): string {
  const p = split(url);
  const query = p.query === null ? null : editQuery(p.query, (name) => `${name}=`);
  return join(p, p.userinfo !== null && isVariableReference(p.userinfo) ? p.userinfo : null, query);
}

/** The names of the credential-like parameters (and "userinfo") a URL carries, for messages. */
export function secretNames(url: string): string[] {
  const p = split(url);
  const names: string[] = [];
  if (p.userinfo !== null && p.userinfo !== '' && !isVariableReference(p.userinfo)) names.push('user name and password');
  if (p.query !== null) {
    editQuery(p.query, (name) => {
      names.push(decodeName(name));
      return null;
    });
  }
  return names;
}

/** A record that holds a URL the user may want kept with or without its secrets. */
export interface SecretBearing {
  url: string;
  /** the user ticked "Remember secrets": store the URL as is */
  rememberSecrets?: boolean;
  /** set on the stored copy when secrets were left out, so the UI can say so after a reload */
  secretsDropped?: boolean;
  /** protocol session options (lib/decode): their credentials are left out too */
  sessionOptions?: Record<string, Record<string, string>> | Record<string, string> | undefined;
}

/**
 * The copy of a record to write to storage: unchanged if it has no secrets or
 * the user asked to remember them; otherwise its URL without secrets
 * (`stripSecrets`) and `secretsDropped: true`. The in-memory record keeps the
 * full URL, so reconnecting works for the rest of the session.
 */
export function withoutSecretsForStorage<T extends SecretBearing>(item: T): T {
  if (item.rememberSecrets === true) return item;
  const options = withoutSecretOptions(item.sessionOptions);
  const kept = options === item.sessionOptions ? item : { ...item, sessionOptions: options };
  if (!hasSecrets(item.url)) return kept;
  return { ...kept, url: stripSecrets(item.url), secretsDropped: true };
}

/** Session option names that hold credentials (MQTT password, STOMP passcode, Socket.IO auth, tokens). */
export function isSecretOption(name: string): boolean {
  return /pass|secret|token|auth|credential/i.test(name);
}

/** Protocol session options without their credentials (same object when there are none). */
export function withoutSecretOptions<O extends Record<string, Record<string, string>> | Record<string, string> | undefined>(options: O): O {
  if (!options) return options;
  let changed = false;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(options)) {
    if (typeof v === 'string') {
      if (isSecretOption(k) && v !== '') {
        changed = true;
        continue;
      }
      out[k] = v;
    } else {
      const inner = withoutSecretOptions(v);
      if (inner !== v) changed = true;
      out[k] = inner;
    }
  }
  return (changed ? out : options) as O;
}
