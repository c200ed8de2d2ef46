import { describe, expect, it } from 'vitest';
import { MASK, hasSecrets, isSecretName, maskUrl, secretNames, stripSecrets, withoutSecretsForStorage } from './secrets';

describe('isSecretName', () => {
  it.each([
    'token',
    'access_token',
    'id_token',
    'refresh-token',
    'accessToken',
    'accesstoken',
    'auth',
    'authToken',
    'Authorization',
    'key',
    'api_key',
    'apiKey',
    'apikey',
    'x-api-key',
    'password',
    'passwd',
    'pwd',
    'secret',
    'client_secret',
    'clientSecret',
    'signature',
    'sig',
    'X-Amz-Signature',
    'X-Amz-Credential',
    'X-Amz-Security-Token',
    'session',
    'sessionid',
    'PHPSESSID',
    'jwt',
    'bearer',
  ])('%s holds a credential', (name) => {
    expect(isSecretName(name)).toBe(true);
  });

  it.each(['room', 'rate', 'count', 'size', 'type', 'user', 'channel', 'after', 'code', 'reason', 'v', 'format', 'signal'])('%s does not', (name) => {
    expect(isSecretName(name)).toBe(false);
  });
});

describe('maskUrl', () => {
  it('masks credential values and keeps everything else as typed', () => {
    expect(maskUrl('wss://api.example.com/ws?room=1&token=abc.def&rate=5')).toBe(`wss://api.example.com/ws?room=1&token=${MASK}&rate=5`);
  });

  it('masks several parameters, whatever their case or encoding', () => {
    expect(maskUrl('ws://h/?API_KEY=k1&x%2Dapi%2Dkey=k2&Signature=s')).toBe(`ws://h/?API_KEY=${MASK}&x%2Dapi%2Dkey=${MASK}&Signature=${MASK}`);
  });

  it('masks the userinfo, user name included', () => {
    expect(maskUrl('wss://alice:s3cret@example.com:8443/ws')).toBe(`wss://${MASK}@example.com:8443/ws`);
    expect(maskUrl('wss://tokenonly@example.com/')).toBe(`wss://${MASK}@example.com/`);
  });

  it('leaves URLs without secrets unchanged, including odd ones', () => {
    for (const url of ['ws://127.0.0.1:8787/echo', 'ws://h/?room=1', 'ws://h/a@b', '/relative?x=1', 'not a url', '', 'ws://h/?token=', 'ws://h/?token']) {
      expect(maskUrl(url)).toBe(url);
    }
  });

  it('does not confuse an @ in the path or the query with a userinfo', () => {
    expect(maskUrl('ws://h/path@x?mail=a@b')).toBe('ws://h/path@x?mail=a@b');
  });

  it('works on relative URLs and scheme-relative ones', () => {
    expect(maskUrl('/ws?token=abc')).toBe(`/ws?token=${MASK}`);
    expect(maskUrl('//u:p@h/ws')).toBe(`//${MASK}@h/ws`);
  });
});

describe('hasSecrets', () => {
  it('is true for a credential parameter with a value, or a userinfo', () => {
    expect(hasSecrets('wss://h/?token=abc')).toBe(true);
    expect(hasSecrets('wss://u:p@h/')).toBe(true);
    expect(hasSecrets('wss://h/?token=')).toBe(false);
    expect(hasSecrets('wss://h/?room=1')).toBe(false);
  });
});

describe('stripSecrets', () => {
  it('keeps a usable URL: userinfo dropped, credential values emptied', () => {
    expect(stripSecrets('wss://u:p@h:1/ws?room=1&access_token=abc&sig=zz')).toBe('wss://h:1/ws?room=1&access_token=&sig=');
    expect(new URL(stripSecrets('wss://u:p@h:1/ws?token=abc')).href).toBe('wss://h:1/ws?token=');
  });

  it('is the identity on URLs without secrets', () => {
    expect(stripSecrets('ws://127.0.0.1:8787/echo?x=1')).toBe('ws://127.0.0.1:8787/echo?x=1');
  });

  it('leaves nothing hasSecrets finds', () => {
    const url = 'wss://a:b@h/?token=1&apiKey=2&password=3';
    expect(hasSecrets(stripSecrets(url))).toBe(false);
  });
});

describe('secretNames', () => {
  it('lists what would be masked, for messages', () => {
    expect(secretNames('wss://u:p@h/?token=1&room=2&api%5Fkey=3')).toEqual(['user name and password', 'token', 'api_key']);
  });
});

describe('withoutSecretsForStorage', () => {
  it('strips secrets and marks the stored copy, leaving the original alone', () => {
    const config = { id: 'a', url: 'wss://h/?token=abc' };
    expect(withoutSecretsForStorage(config)).toEqual({ id: 'a', url: 'wss://h/?token=', secretsDropped: true });
    expect(config.url).toBe('wss://h/?token=abc');
  });

  it('keeps the URL when the user asked to remember secrets, or when there are none', () => {
    const remembered = { url: 'wss://h/?token=abc', rememberSecrets: true };
    expect(withoutSecretsForStorage(remembered)).toBe(remembered);
    const plain = { url: 'wss://h/?room=1' };
    expect(withoutSecretsForStorage(plain)).toBe(plain);
  });
});

describe('protocol session options in storage', () => {
  it('leaves out credentials of session options unless secrets are remembered', async () => {
    const { withoutSecretsForStorage } = await import('./secrets');
    const item = { url: 'ws://127.0.0.1/mqtt', sessionOptions: { mqtt: { clientId: 'a', password: 'hunter2' }, stomp: { login: 'u', passcode: 'p' } } };
    expect(withoutSecretsForStorage(item).sessionOptions).toEqual({ mqtt: { clientId: 'a' }, stomp: { login: 'u' } });
    expect(withoutSecretsForStorage({ ...item, rememberSecrets: true }).sessionOptions).toEqual(item.sessionOptions);
    const none = { url: 'ws://127.0.0.1/x', sessionOptions: { mqtt: { clientId: 'a' } } };
    expect(withoutSecretsForStorage(none)).toBe(none);
  });
});
