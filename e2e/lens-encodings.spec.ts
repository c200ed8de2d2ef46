import type { Locator, Page } from '@playwright/test';
import { ExtData, encode as msgpackEncode } from '@msgpack/msgpack';
import { Tagged, encode as cborEncode } from 'cborg';
import protobuf from 'protobufjs';
import { SAMPLE_PROTO } from '../server/routes/encodings.mjs';
import { PLAYGROUND } from './env';
import {
  chooseBinary,
  connectButton,
  connectionItem,
  connectOpen,
  counters,
  expect,
  gotoApp,
  messageField,
  newConnectionButton,
  openOptions,
  receivedRow,
  sendButton,
  sentRow,
  size,
  test,
  urlField,
  word,
} from './fixtures';
import {
  LENS_VIEWPORT,
  chooseKind,
  closeInspector,
  closeOptions,
  compose,
  composeField,
  composeForm,
  connectLens,
  decodeAsSelect,
  decoded,
  expectDetected,
  inspector,
  inspectorTab,
  openProtocolTree,
  toolsTab,
  treeItem,
  uniqueId,
} from './lens-helpers';

/**
 * The payload-encoding lenses (MessagePack, CBOR, Protocol Buffers) against
 * the playground's /encodings?format=…: three sample frames on open, then
 * every binary frame answered decoded and re-encoded by the encoding's own
 * library (@msgpack/msgpack, cborg, protobufjs), or a text {"error":"…"}.
 * The same libraries, here, say which bytes a composed frame must be.
 */

const MSGPACK = 'MessagePack';
const CBOR = 'CBOR';
const PB = 'Protocol Buffers';
/** Each lens has one compose kind. */
const FROM_JSON = 'From JSON';

test.use({ viewport: LENS_VIEWPORT });

test.beforeEach(async ({ page }) => {
  await gotoApp(page);
});

const encodingsUrl = (format: 'msgpack' | 'cbor' | 'protobuf'): string => `${PLAYGROUND}/encodings?format=${format}`;
const base64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex').replace(/(..)(?!$)/g, '$1 ');

/** A branch of the field tree: its own line is `key` then a note such as "2 keys" (no colon). */
const treeBranch = (tree: Locator, key: string, note: string): Locator =>
  tree.getByRole('listitem').filter({ hasText: new RegExp(`^\\s*${key} ${note}`) });

/** The frame of `row` as the inspector's Base64 tab shows it, then back to the Protocol tab. */
async function base64Of(page: Page, row: Locator): Promise<string> {
  await row.click();
  await inspectorTab(page, 'Base64').click();
  const text = (await inspector(page).getByLabel('Base64 of the payload', { exact: true }).innerText()).trim();
  await closeInspector(page);
  return text;
}

/** JSON into the lens's "From JSON" form, sent; the status says how many bytes went. */
async function composeJson(page: Page, lens: string, json: string, bytes: number): Promise<void> {
  await compose(page, lens, lens, FROM_JSON, { JSON: json });
  await expect(composeForm(page, lens).getByRole('status')).toHaveText(`Sent one frame, ${bytes} B.`);
}

test('MessagePack: samples detected and decoded; a frame composed from JSON is the exact bytes, and the server’s re-encoding reads back the same', async ({
  page,
}) => {
  const item = await connectOpen(page, encodingsUrl('msgpack'), { name: `msgpack-${uniqueId()}` });

  // The three samples: each one map, detected from the frames alone.
  for (const seq of [1, 2, 3]) {
    await expect(receivedRow(page, word('binary'), decoded(MSGPACK, `{type, seq, at, values, tags, blob, …} {"type":"tick","seq":${seq},`))).toHaveCount(1);
  }
  await expectDetected(page, MSGPACK);
  await expect(item).toContainText(counters(3, 0));

  // A sample in the Protocol tab: the timestamp extension, a nested map, bytes, an integer beyond 2^63 and an extension.
  let tree = await openProtocolTree(page, receivedRow(page, decoded(MSGPACK, '{type, seq,'), '"seq":2,'), 'MessagePack map');
  await expect(treeItem(tree, 'at')).toContainText('"2024-01-02T03:04:07.678Z" timestamp (ext -1)');
  await expect(treeItem(tree, 'symbol')).toContainText('"SOCK"');
  await expect(treeItem(tree, 'open')).toContainText('true');
  await expect(treeItem(tree, 'blob')).toContainText('de ad be ef 02 5 B');
  await expect(treeItem(tree, 'big')).toContainText('"9223372036854775810" integer');
  await expect(treeItem(tree, 'ext')).toContainText('"ext 5 02ff" extension type 5 · 2 B');
  await closeInspector(page);

  // Compose: a nested map and array, integers beyond 2^53 both ways, bytes, a timestamp and an extension.
  const json =
    '{"type":"order","id":18446744073709551615,"neg":-9007199254740993,"nested":{"list":[1,-2,3.25,"x",null,true],"deep":{"k":"v"}},' +
    '"bin":{"$bytes":"cafe"},"ts":{"$timestamp":"2024-01-02T03:04:05.5Z"},"ext":{"$ext":5,"$bytes":"0aff"}}';
  const expected = msgpackEncode(
    {
      type: 'order',
      id: 2n ** 64n - 1n,
      neg: -(2n ** 53n) - 1n,
      nested: { list: [1, -2, 3.25, 'x', null, true], deep: { k: 'v' } },
      bin: new Uint8Array([0xca, 0xfe]),
      ts: new Date('2024-01-02T03:04:05.500Z'),
      ext: new ExtData(5, new Uint8Array([0x0a, 0xff])),
    },
    { useBigInt64: true },
  );
  await chooseKind(page, MSGPACK, MSGPACK, FROM_JSON);
  await composeField(page, MSGPACK, 'JSON').fill(json);
  // The preview is the frame to send: the library's bytes (up to the first 48).
  await expect(composeForm(page, MSGPACK).getByTitle('The exact frame(s) to send')).toHaveText(`${hex(expected.subarray(0, 48))} …`);
  await composeJson(page, MSGPACK, json, expected.length);

  const summary = decoded(MSGPACK, '{type, id, neg, nested, bin, ts, …} {"type":"order","id":"18446744073709551615","neg":"-9007199254740993",');
  const sent = sentRow(page, word('binary'), size(expected.length), summary);
  const reply = receivedRow(page, word('binary'), size(expected.length), summary);
  await expect(sent).toHaveCount(1);
  await expect(reply).toHaveCount(1);
  await expect(item).toContainText(counters(4, 1));
  expect(await base64Of(page, sent)).toBe(base64(expected));
  // @msgpack/msgpack read it and wrote it again: the same bytes.
  expect(await base64Of(page, reply)).toBe(base64(expected));

  tree = await openProtocolTree(page, reply, 'MessagePack map');
  await expect(treeItem(tree, 'type')).toContainText('"order"');
  await expect(treeItem(tree, 'id')).toContainText('"18446744073709551615" integer');
  await expect(treeItem(tree, 'neg')).toContainText('"-9007199254740993" integer');
  await expect(treeBranch(tree, 'nested', '2 keys')).toHaveCount(1);
  const list = treeBranch(tree, 'list', '6 items');
  await expect(treeItem(list, '2')).toContainText('3.25');
  await expect(treeItem(list, '3')).toContainText('"x"');
  await expect(treeItem(list, '4')).toContainText('null');
  await expect(treeItem(list, '5')).toContainText('true');
  await expect(treeItem(treeBranch(tree, 'deep', '1 key'), 'k')).toContainText('"v"');
  await expect(treeItem(tree, 'bin')).toContainText('ca fe 2 B');
  await expect(treeItem(tree, 'ts')).toContainText('"2024-01-02T03:04:05.5Z" timestamp (ext -1)');
  await expect(treeItem(tree, 'ext')).toContainText('"ext 5 0aff" extension type 5 · 2 B');
  await closeInspector(page);
});

test('CBOR: samples detected and decoded; a frame composed from JSON is the exact bytes, and cborg’s re-encoding reads back the same', async ({ page }) => {
  const item = await connectOpen(page, encodingsUrl('cbor'), { name: `cbor-${uniqueId()}` });

  for (const seq of [1, 2, 3]) {
    await expect(receivedRow(page, word('binary'), decoded(CBOR, new RegExp(`\\{at, big, seq, blob, date, huge, …\\} .*"seq":${seq},`)))).toHaveCount(1);
  }
  await expectDetected(page, CBOR);

  // A sample: tags with their meaning, a map with non-string keys, a bignum, undefined.
  let tree = await openProtocolTree(page, receivedRow(page, decoded(CBOR, '{at, big, seq,'), '"seq":3,'), 'CBOR map');
  await expect(treeItem(tree, 'date')).toContainText('tag 0 date/time string');
  await expect(treeItem(tree, 'date')).toContainText('"2024-01-02T03:04:08.678Z"');
  await expect(treeItem(tree, 'big')).toContainText('"9223372036854775811" integer');
  await expect(treeItem(tree, 'huge')).toContainText(`"${(2n ** 64n + 3n).toString()}"`);
  await expect(treeItem(tree, 'blob')).toContainText('de ad be ef 03 5 B');
  await expect(treeItem(tree, 'missing')).toContainText('undefined');
  await closeInspector(page);

  // Keys in CBOR's canonical order (shorter first, then bytewise), the order cborg writes them in: then its bytes and ours are the same.
  const json =
    '{"n":null,"at":{"$tag":1,"$value":1363896240},"id":18446744073709551615,"bin":{"$bytes":"cafe"},"neg":-9007199254740993,' +
    '"nested":{"deep":{"k":"v"},"list":[1,-2,2.5,"x",true]}}';
  const expected = cborEncode({
    n: null,
    at: new Tagged(1, 1363896240),
    id: 2n ** 64n - 1n,
    bin: new Uint8Array([0xca, 0xfe]),
    neg: -(2n ** 53n) - 1n,
    nested: { deep: { k: 'v' }, list: [1, -2, 2.5, 'x', true] },
  });
  await chooseKind(page, CBOR, CBOR, FROM_JSON);
  await composeField(page, CBOR, 'JSON').fill(json);
  await expect(composeForm(page, CBOR).getByTitle('The exact frame(s) to send')).toHaveText(`${hex(expected.subarray(0, 48))} …`);
  await composeJson(page, CBOR, json, expected.length);

  const summary = decoded(CBOR, '{n, at, id, bin, neg, nested} {"n":null,"at":{"$tag":1,"$value":1363896240},"id":"18446744073709551615",');
  const sent = sentRow(page, word('binary'), size(expected.length), summary);
  const reply = receivedRow(page, word('binary'), size(expected.length), summary);
  await expect(sent).toHaveCount(1);
  await expect(reply).toHaveCount(1);
  await expect(item).toContainText(counters(4, 1));
  expect(await base64Of(page, sent)).toBe(base64(expected));
  expect(await base64Of(page, reply)).toBe(base64(expected));

  tree = await openProtocolTree(page, reply, 'CBOR map');
  await expect(treeItem(tree, 'n')).toContainText('null');
  await expect(treeItem(tree, 'id')).toContainText('"18446744073709551615" integer');
  await expect(treeItem(tree, 'at')).toContainText('tag 1 epoch time · 2013-03-21T20:04:00Z');
  await expect(treeItem(tree, 'neg')).toContainText('"-9007199254740993" integer');
  await expect(treeItem(tree, 'bin')).toContainText('ca fe 2 B');
  await expect(treeBranch(tree, 'nested', '2 keys')).toHaveCount(1);
  await expect(treeItem(treeBranch(tree, 'deep', '1 key'), 'k')).toContainText('"v"');
  const list = treeBranch(tree, 'list', '5 items');
  await expect(treeItem(list, '1')).toContainText('-2');
  await expect(treeItem(list, '2')).toContainText('2.5');
  await expect(treeItem(list, '3')).toContainText('"x"');
  await expect(treeItem(list, '4')).toContainText('true');
  await closeInspector(page);
});

test('Protocol Buffers: a pasted .proto (errors shown at the field, text kept) names the fields; a Tick composed from JSON; unknown fields by number; a bad frame says where', async ({
  page,
}) => {
  const item = await connectLens(page, encodingsUrl('protobuf'), { name: `protobuf-${uniqueId()}`, decodeAs: PB });
  await expect(item).toContainText(word('OPEN'));

  // No .proto yet: the raw wire format, by field number.
  await expect(receivedRow(page, word('binary'), decoded(PB, /message \(no schema\) \{1, 2, 3, 4, 5, [67], …\} \{"1":"1844674407370955161[345]"/))).toHaveCount(3);

  // The .proto field of the connection's Options, with a ";" left out on line 15: the error names line 16 and what it found.
  await openOptions(page);
  const protoField = page.getByRole('textbox', { name: '.proto schema', exact: true });
  const typeField = page.getByRole('textbox', { name: 'Message type', exact: true });
  const broken = SAMPLE_PROTO.replace('uint64 seq = 1;', 'uint64 seq = 1');
  expect(broken).not.toBe(SAMPLE_PROTO);
  await protoField.fill(broken);
  await typeField.fill('sockpit.Tick');
  await expect(protoField).toHaveAttribute('aria-invalid', 'true');
  await expect(protoField).toHaveAccessibleDescription('.proto line 16, column 3: expected ";", found "string"');
  await expect(protoField).toHaveValue(broken);
  // The frames stay readable meanwhile, raw.
  await expect(receivedRow(page, decoded(PB, 'message (no schema)'))).toHaveCount(3);

  // A good .proto, and a message type it does not have: the error is at that field.
  await protoField.fill(SAMPLE_PROTO);
  await typeField.fill('sockpit.Nope');
  await expect(protoField).not.toHaveAttribute('aria-invalid', 'true');
  await expect(typeField).toHaveAttribute('aria-invalid', 'true');
  await expect(typeField).toHaveAccessibleDescription('no message type "sockpit.Nope" in the .proto (it has sockpit.Tick, sockpit.Point)');
  await expect(typeField).toHaveValue('sockpit.Nope');

  await typeField.fill('sockpit.Tick');
  await expect(typeField).not.toHaveAttribute('aria-invalid', 'true');
  await closeOptions(page);
  for (const seq of [5, 4, 3]) {
    await expect(receivedRow(page, decoded(PB, new RegExp(`sockpit\\.Tick \\{seq, at, values, tags, kind, (note|blob), …\\} \\{"seq":"1844674407370955161${seq}"`)))).toHaveCount(1);
  }

  // The second sample by field name: 64-bit integers exact, an enum by name and number, a map, a oneof, a nested message.
  let tree = await openProtocolTree(page, receivedRow(page, decoded(PB, 'sockpit.Tick {'), '{"seq":"18446744073709551614"'), 'Protocol Buffers sockpit.Tick');
  await expect(treeItem(tree, 'seq')).toContainText('"18446744073709551614" uint64');
  await expect(treeItem(tree, 'at')).toContainText('"2024-01-02T03:04:07.678Z" string');
  await expect(treeBranch(tree, 'values', 'double · 3 items')).toHaveCount(1);
  await expect(treeBranch(tree, 'tags', 'map<string, string> · 2 entries')).toHaveCount(1);
  await expect(treeItem(tree, 'venue')).toContainText('"X" string');
  await expect(treeItem(tree, 'kind')).toContainText('"KIND_TRADE" Kind · = 2');
  await expect(treeItem(tree, 'blob')).toContainText('de ad 02 oneof extra · bytes · 3 B');
  await expect(treeBranch(tree, 'origin', 'Point · 2 fields')).toHaveCount(1);
  await expect(treeItem(tree, 'y')).toContainText('-2 int32');
  await expect(treeItem(tree, 'delta')).toContainText('"-4611686018427387906" sint64');
  await closeInspector(page);

  // A Tick from JSON: field names, an enum by name, 64-bit integers as text, a map, a oneof member, a sub-message.
  const tick = {
    seq: '18446744073709551615',
    at: 'e2e',
    values: [1.5, -2],
    tags: { k: 'v' },
    kind: 'KIND_TRADE',
    note: 'hello',
    origin: { x: 7, y: -7 },
    delta: '-9223372036854775808',
  };
  const Tick = protobuf.parse(SAMPLE_PROTO).root.lookupType('sockpit.Tick');
  const expected = Tick.encode(Tick.fromObject(tick)).finish();
  await composeJson(page, PB, JSON.stringify(tick), expected.length);
  const summary = decoded(PB, 'sockpit.Tick {seq, at, values, tags, kind, note, …} {"seq":"18446744073709551615","at":"e2e",');
  const sent = sentRow(page, word('binary'), size(expected.length), summary);
  const reply = receivedRow(page, word('binary'), size(expected.length), summary);
  await expect(sent).toHaveCount(1);
  await expect(reply).toHaveCount(1);
  expect(await base64Of(page, sent)).toBe(base64(expected));
  expect(await base64Of(page, reply)).toBe(base64(expected));
  tree = await openProtocolTree(page, reply, 'Protocol Buffers sockpit.Tick');
  await expect(treeItem(tree, 'seq')).toContainText('"18446744073709551615" uint64');
  await expect(treeItem(tree, 'k')).toContainText('"v" string');
  await expect(treeItem(tree, 'kind')).toContainText('"KIND_TRADE" Kind · = 2');
  await expect(treeItem(tree, 'note')).toContainText('"hello" oneof extra · string');
  await expect(treeItem(tree, 'x')).toContainText('7 int32');
  await expect(treeItem(tree, 'y')).toContainText('-7 int32');
  await expect(treeItem(tree, 'delta')).toContainText('"-9223372036854775808" sint64');
  await closeInspector(page);

  // Bytes typed as hex in the Message tab: seq = 42 and field 111 (not in the .proto) = 7. Ours shows it by number;
  // protobufjs skips it, so its answer is seq alone.
  await toolsTab(page, 'Message').click();
  await chooseBinary(page, 'Hex');
  await messageField(page).fill('08 2a f8 06 07');
  await sendButton(page).click();
  const withUnknown = sentRow(page, size(5), decoded(PB, 'sockpit.Tick {seq, #111} {"seq":"42","#111":7}'));
  await expect(withUnknown).toHaveCount(1);
  await expect(receivedRow(page, size(2), decoded(PB, 'sockpit.Tick {seq} {"seq":"42"}'))).toHaveCount(1);
  tree = await openProtocolTree(page, withUnknown, 'Protocol Buffers sockpit.Tick');
  await expect(treeItem(tree, 'seq')).toContainText('"42" uint64');
  await expect(treeItem(tree, '111')).toContainText('7 unknown field · varint');
  await closeInspector(page);

  // Field 3 (values) declares 40 bytes and one follows: the row says which field, where, and by how much.
  await messageField(page).fill('1a 28 01');
  await sendButton(page).click();
  const error = 'Tick field 3 "values" (wire type 2) at byte 0: length 40 overruns the 1 bytes left';
  // An error row: the chip, a warning mark, then the error.
  const bad = sentRow(page, size(3), `${PB} ⚠ invalid ${PB}: ${error}`);
  await expect(bad).toHaveCount(1);
  // protobufjs cannot read it either: the server answers in text.
  await expect(receivedRow(page, word('text'), '{"error":"protobuf: index out of range')).toHaveCount(1);
  await bad.click();
  await inspectorTab(page, 'Protocol').click();
  await expect(inspector(page).getByRole('note')).toHaveText(`Could not read all of it: ${error}. The raw frame is in the other tabs.`);
  await closeInspector(page);
  await expect(item).toContainText(counters(6, 3));
});

test('bad JSON in an encoding’s composer: the error is next to the field, the text is kept, nothing is sent', async ({ page }) => {
  const item = await connectOpen(page, encodingsUrl('msgpack'), { name: `enc-bad-${uniqueId()}` });
  await expect(receivedRow(page, decoded(MSGPACK, '{type, seq,'), '"seq":3,')).toHaveCount(1);
  await chooseKind(page, MSGPACK, MSGPACK, FROM_JSON);
  const field = composeField(page, MSGPACK, 'JSON');
  const send = composeForm(page, MSGPACK).getByRole('button', { name: `Send ${FROM_JSON}`, exact: true });
  // The form's own example encodes: Send is ready.
  await expect(send).toBeEnabled();
  await field.fill('{"a":1,');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAccessibleDescription('JSON: expected a "key" at line 1, column 8');
  await expect(field).toHaveValue('{"a":1,');
  await expect(send).toBeDisabled();
  await expect(composeForm(page, MSGPACK).getByTitle('The exact frame(s) to send')).toHaveCount(0);
  // Enter in the field adds a line; it sends nothing.
  await field.press('End');
  await field.press('Enter');
  await expect(field).toHaveValue('{"a":1,\n');
  await expect(sentRow(page)).toHaveCount(0);
  await expect(item).toContainText(counters(3, 0));

  // Fixed, it sends.
  await field.fill('{"a":1}');
  await expect(field).not.toHaveAttribute('aria-invalid', 'true');
  await send.click();
  await expect(sentRow(page, word('binary'), size(4), decoded(MSGPACK, '{a} {"a":1}'))).toHaveCount(1);
  await expect(item).toContainText(counters(4, 1));
});

test('Protocol Buffers composer: JSON the .proto does not allow is flagged at the field with its path, and nothing is sent', async ({ page }) => {
  const item = await connectLens(page, encodingsUrl('protobuf'), {
    name: `pb-bad-${uniqueId()}`,
    decodeAs: PB,
    session: { '.proto schema': SAMPLE_PROTO, 'Message type': 'sockpit.Tick' },
  });
  await expect(receivedRow(page, decoded(PB, 'sockpit.Tick {'))).toHaveCount(3);
  await chooseKind(page, PB, PB, FROM_JSON);
  const field = composeField(page, PB, 'JSON');
  const send = composeForm(page, PB).getByRole('button', { name: `Send ${FROM_JSON}`, exact: true });
  for (const [json, error] of [
    ['{"seq":1,"nope":2}', 'Tick.nope: sockpit.Tick has no field "nope" (fields: seq, at, values, tags, kind, note, blob, origin, delta)'],
    ['{"kind":"KIND_NOPE"}', /^Tick\.kind: sockpit\.Kind is one of /],
    ['{"note":"a","blob":{"$bytes":"00"}}', /^Tick\.blob: /],
    ['{"seq":1,', 'JSON: expected a "key" at line 1, column 10'],
  ] as const) {
    await field.fill(json);
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(field).toHaveAccessibleDescription(error);
    await expect(field).toHaveValue(json);
    await expect(send).toBeDisabled();
  }
  await expect(sentRow(page)).toHaveCount(0);
  await expect(item).toContainText(counters(3, 0));
});

test('Protocol Buffers: a .proto loaded from a file fills the field and names the fields; a file that is not UTF-8 is refused at the field, the text kept', async ({
  page,
}) => {
  const item = await connectLens(page, encodingsUrl('protobuf'), { name: `pb-file-${uniqueId()}`, decodeAs: PB, session: { 'Message type': 'sockpit.Tick' } });
  await expect(item).toContainText(word('OPEN'));
  await expect(receivedRow(page, decoded(PB, 'message (no schema)'))).toHaveCount(3);

  await openOptions(page);
  const protoField = page.getByRole('textbox', { name: '.proto schema', exact: true });
  const load = page.getByLabel('Load a .proto file…', { exact: true });
  await load.setInputFiles({ name: 'sample.proto', mimeType: 'text/plain', buffer: Buffer.from(SAMPLE_PROTO) });
  await expect(protoField).toHaveValue(SAMPLE_PROTO);
  await expect(protoField).not.toHaveAttribute('aria-invalid', 'true');
  await closeOptions(page);
  await expect(receivedRow(page, decoded(PB, 'sockpit.Tick {seq, at, values, tags, kind,'))).toHaveCount(3);

  await openOptions(page);
  await load.setInputFiles({ name: 'tick.bin', mimeType: 'application/octet-stream', buffer: Buffer.from([0x08, 0xff, 0x0a]) });
  await expect(protoField).toHaveAttribute('aria-invalid', 'true');
  await expect(protoField).toHaveAccessibleDescription('"tick.bin" is not UTF-8 text');
  await expect(protoField).toHaveValue(SAMPLE_PROTO);
  // Still decoding with the .proto it has; an edit clears the file's error.
  await expect(receivedRow(page, decoded(PB, 'sockpit.Tick {'))).toHaveCount(3);
  await protoField.fill(`${SAMPLE_PROTO}\n`);
  await expect(protoField).not.toHaveAttribute('aria-invalid', 'true');
  await closeOptions(page);
});

test('Protocol Buffers in the New connection form: a broken .proto is flagged at the field before Connect, the text kept, and Connect waits until it parses', async ({
  page,
}) => {
  const name = `pb-new-${uniqueId()}`;
  await newConnectionButton(page).click();
  const form = page.getByRole('form', { name: 'New connection' });
  await urlField(page).fill(encodingsUrl('protobuf'));
  await openOptions(page);
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
  await decodeAsSelect(page).selectOption({ label: PB });
  const protoField = page.getByRole('textbox', { name: '.proto schema', exact: true });
  const typeField = page.getByRole('textbox', { name: 'Message type', exact: true });
  // The same ";" left out on line 15 as in the connection's Options: the same message, here, before there is a connection.
  const broken = SAMPLE_PROTO.replace('uint64 seq = 1;', 'uint64 seq = 1');
  await protoField.fill(broken);
  await typeField.fill('sockpit.Tick');
  await expect(protoField).toHaveAttribute('aria-invalid', 'true');
  await expect(protoField).toHaveAccessibleDescription('.proto line 16, column 3: expected ";", found "string"');
  await expect(protoField).toHaveValue(broken);

  // Connect with the panel closed: nothing is connected, the bar says why.
  await closeOptions(page);
  await connectButton(page).click();
  await expect(form.getByRole('alert')).toHaveText('Not connected: the Decode as options have an error (Options ▾): .proto line 16, column 3: expected ";", found "string"');
  await expect(connectionItem(page, name)).toHaveCount(0);
  // With the panel open, Connect (Enter in the URL) takes the focus to the field at fault.
  await openOptions(page);
  await expect(protoField).toHaveValue(broken);
  await urlField(page).press('Enter');
  await expect(protoField).toBeFocused();
  await expect(connectionItem(page, name)).toHaveCount(0);

  // A message type the .proto lacks is flagged the same way.
  await protoField.fill(SAMPLE_PROTO);
  await expect(protoField).not.toHaveAttribute('aria-invalid', 'true');
  await typeField.fill('sockpit.Nope');
  await expect(typeField).toHaveAccessibleDescription('no message type "sockpit.Nope" in the .proto (it has sockpit.Tick, sockpit.Point)');
  await typeField.fill('sockpit.Tick');
  await expect(typeField).not.toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByRole('alert')).toHaveCount(0);

  // Fixed: it connects and decodes with the schema.
  await closeOptions(page);
  await connectButton(page).click();
  await expect(connectionItem(page, name)).toContainText(word('OPEN'));
  await expect(receivedRow(page, decoded(PB, 'sockpit.Tick {seq, at, values, tags, kind,'))).toHaveCount(3);
});
