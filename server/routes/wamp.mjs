// @ts-check
import { randomInt } from 'node:crypto';
import { WebSocket } from 'ws';
import { messageText } from './received-log.mjs';

export const WAMP_SUBPROTOCOLS = Object.freeze(['wamp.2.json']);
/** The only realm of this router. */
export const WAMP_REALM = 'realm1';
/** The procedure the router itself offers: sums its numeric arguments. */
export const ADD_PROCEDURE = 'com.sockpit.add';

const URI = /^[^\s#]+$/;

/**
 * @typedef {object} Session
 * @property {WebSocket} ws
 * @property {number} id
 *
 * @typedef {{ caller: Session, request: number }} PendingCall
 */

/**
 * `/wamp`: a small WAMP v2 router speaking `wamp.2.json` (basic profile;
 * no npm router fit: see docs/protocols/wamp.md). HELLO on realm `realm1` gets
 * WELCOME (any other realm ABORT wamp.error.no_such_realm); SUBSCRIBE,
 * UNSUBSCRIBE, PUBLISH (EVENT to the other subscribers, or to all with
 * exclude_me false; PUBLISHED with acknowledge), CALL of `com.sockpit.add`
 * (RESULT with the sum) or of a procedure a client REGISTERed (routed as
 * INVOCATION; its YIELD or ERROR goes back as RESULT or ERROR), ERROR
 * wamp.error.no_such_procedure otherwise; GOODBYE is answered and closes. A
 * message that breaks the protocol gets ABORT wamp.error.protocol_violation.
 *
 * @param {import('./received-log.mjs').ReceivedLog} log
 * @returns {import('./route.mjs').WsRoute}
 */
export function createWampRoute(log) {
  /** @type {Map<string, { id: number, subscribers: Set<Session> }>} */
  const topics = new Map();
  /** @type {Map<string, { id: number, callee: Session }>} */
  const procedures = new Map();
  /** @type {Map<number, PendingCall>} invocation request id → the call it serves */
  const invocations = new Map();
  let nextGlobal = 1;
  const globalId = () => nextGlobal++;

  /**
   * @param {WebSocket} ws
   * @param {unknown[]} message
   */
  const send = (ws, message) => {
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(message));
  };

  return {
    server: 'protocols',
    subprotocols: WAMP_SUBPROTOCOLS,
    accept: () => ({
      ok: true,
      connect: (ws) => {
        const connection = log.nextConnection();
        /** @type {Session | null} */
        let session = null;
        /** @type {Map<number, string>} subscription id → topic */
        const mySubs = new Map();
        /** @type {Map<number, string>} registration id → procedure */
        const myRegs = new Map();
        if (ws.protocol !== 'wamp.2.json') {
          ws.close(1002, 'offer the subprotocol wamp.2.json');
          return;
        }
        /**
         * @param {string} reason
         * @param {string} message
         */
        const abort = (reason, message) => {
          send(ws, [3, { message }, reason]);
          ws.close(1000);
        };
        const cleanup = () => {
          if (!session) return;
          for (const [, topic] of mySubs) {
            const t = topics.get(topic);
            if (t) {
              t.subscribers.delete(session);
              if (t.subscribers.size === 0) topics.delete(topic);
            }
          }
          for (const [, procedure] of myRegs) procedures.delete(procedure);
          for (const [inv, call] of invocations) {
            if (call.caller === session) invocations.delete(inv);
          }
          mySubs.clear();
          myRegs.clear();
        };
        ws.on('close', cleanup);

        ws.on('message', (data, isBinary) => {
          const text = messageText(data, isBinary);
          if (text === null) {
            log.record(connection, '<binary>', 'binary frames are not read (JSON serialization)');
            abort('wamp.error.protocol_violation', 'binary frames are not part of wamp.2.json');
            return;
          }
          let m;
          try {
            m = JSON.parse(text);
          } catch {
            log.record(connection, text, 'invalid JSON');
            abort('wamp.error.protocol_violation', 'invalid JSON');
            return;
          }
          if (!Array.isArray(m) || !Number.isInteger(m[0])) {
            log.record(connection, text, 'not a WAMP message');
            abort('wamp.error.protocol_violation', 'a WAMP message is an array [code, …]');
            return;
          }
          const code = m[0];
          if (!session) {
            if (code !== 1 || typeof m[1] !== 'string' || typeof m[2] !== 'object' || m[2] === null) {
              log.record(connection, text, 'expected HELLO');
              abort('wamp.error.protocol_violation', 'the first message must be HELLO [1, Realm|uri, Details|dict]');
              return;
            }
            if (m[1] !== WAMP_REALM) {
              log.record(connection, text, `HELLO unknown realm`);
              abort('wamp.error.no_such_realm', `no realm "${m[1]}" on this router (it has ${WAMP_REALM})`);
              return;
            }
            session = { ws, id: randomInt(1, 2 ** 47) };
            log.record(connection, text, 'HELLO');
            send(ws, [2, session.id, { roles: { broker: {}, dealer: {} }, agent: 'sockpit-playground' }]);
            return;
          }
          const me = session;
          const request = m[1];
          /** @param {string} note */
          const ok = (note) => log.record(connection, text, note);
          /** @param {string} why */
          const violation = (why) => {
            log.record(connection, text, why);
            abort('wamp.error.protocol_violation', why);
          };
          const isId = (/** @type {unknown} */ v) => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 2 ** 53;
          const isDict = (/** @type {unknown} */ v) => typeof v === 'object' && v !== null && !Array.isArray(v);
          const args = Array.isArray(m[4]) ? m[4] : undefined;
          const kwargs = isDict(m[5]) ? m[5] : undefined;
          switch (code) {
            case 6:
              ok('GOODBYE');
              send(ws, [6, {}, 'wamp.close.goodbye_and_out']);
              ws.close(1000);
              return;
            case 32: {
              if (!isId(request) || !isDict(m[2]) || typeof m[3] !== 'string' || !URI.test(m[3])) return violation('SUBSCRIBE is [32, Request|id, Options|dict, Topic|uri]');
              ok(`SUBSCRIBE ${m[3]}`);
              let t = topics.get(m[3]);
              if (!t) {
                t = { id: globalId(), subscribers: new Set() };
                topics.set(m[3], t);
              }
              t.subscribers.add(me);
              mySubs.set(t.id, m[3]);
              send(ws, [33, request, t.id]);
              return;
            }
            case 34: {
              if (!isId(request) || !isId(m[2])) return violation('UNSUBSCRIBE is [34, Request|id, Subscription|id]');
              ok('UNSUBSCRIBE');
              const topic = mySubs.get(m[2]);
              if (topic === undefined) {
                send(ws, [8, 34, request, {}, 'wamp.error.no_such_subscription']);
                return;
              }
              mySubs.delete(m[2]);
              const t = topics.get(topic);
              t?.subscribers.delete(me);
              if (t && t.subscribers.size === 0) topics.delete(topic);
              send(ws, [35, request]);
              return;
            }
            case 16: {
              if (!isId(request) || !isDict(m[2]) || typeof m[3] !== 'string' || !URI.test(m[3])) return violation('PUBLISH is [16, Request|id, Options|dict, Topic|uri, Arguments|list?, ArgumentsKw|dict?]');
              ok(`PUBLISH ${m[3]}`);
              const publication = globalId();
              const t = topics.get(m[3]);
              const includeMe = m[2].exclude_me === false;
              for (const sub of t?.subscribers ?? []) {
                if (sub === me && !includeMe) continue;
                const event = [36, t?.id, publication, {}];
                if (args || kwargs) event.push(args ?? []);
                if (kwargs) event.push(kwargs);
                send(sub.ws, event);
              }
              if (m[2].acknowledge === true) send(ws, [17, request, publication]);
              return;
            }
            case 48: {
              if (!isId(request) || !isDict(m[2]) || typeof m[3] !== 'string' || !URI.test(m[3])) return violation('CALL is [48, Request|id, Options|dict, Procedure|uri, Arguments|list?, ArgumentsKw|dict?]');
              const procedure = m[3];
              if (procedure === ADD_PROCEDURE) {
                ok(`CALL ${procedure}`);
                const list = args ?? [];
                if (!list.every((x) => typeof x === 'number' && Number.isFinite(x))) {
                  send(ws, [8, 48, request, {}, 'wamp.error.invalid_argument', [`${ADD_PROCEDURE} adds numbers`]]);
                  return;
                }
                send(ws, [50, request, {}, [list.reduce((a, b) => a + b, 0)]]);
                return;
              }
              const reg = procedures.get(procedure);
              if (!reg) {
                ok(`CALL ${procedure} (no such procedure)`);
                send(ws, [8, 48, request, {}, 'wamp.error.no_such_procedure', [`no procedure "${procedure}" is registered`]]);
                return;
              }
              ok(`CALL ${procedure} (to callee)`);
              const inv = globalId();
              invocations.set(inv, { caller: me, request });
              const invocation = [68, inv, reg.id, {}];
              if (args || kwargs) invocation.push(args ?? []);
              if (kwargs) invocation.push(kwargs);
              send(reg.callee.ws, invocation);
              return;
            }
            case 64: {
              if (!isId(request) || !isDict(m[2]) || typeof m[3] !== 'string' || !URI.test(m[3])) return violation('REGISTER is [64, Request|id, Options|dict, Procedure|uri]');
              ok(`REGISTER ${m[3]}`);
              if (m[3] === ADD_PROCEDURE || procedures.has(m[3])) {
                send(ws, [8, 64, request, {}, 'wamp.error.procedure_already_exists']);
                return;
              }
              const id = globalId();
              procedures.set(m[3], { id, callee: me });
              myRegs.set(id, m[3]);
              send(ws, [65, request, id]);
              return;
            }
            case 66: {
              if (!isId(request) || !isId(m[2])) return violation('UNREGISTER is [66, Request|id, Registration|id]');
              ok('UNREGISTER');
              const procedure = myRegs.get(m[2]);
              if (procedure === undefined) {
                send(ws, [8, 66, request, {}, 'wamp.error.no_such_registration']);
                return;
              }
              myRegs.delete(m[2]);
              procedures.delete(procedure);
              send(ws, [67, request]);
              return;
            }
            case 70: {
              if (!isId(request) || !isDict(m[2])) return violation('YIELD is [70, INVOCATION.Request|id, Options|dict, Arguments|list?, ArgumentsKw|dict?]');
              ok('YIELD');
              const call = invocations.get(request);
              if (!call) return;
              invocations.delete(request);
              const result = [50, call.request, {}];
              const yArgs = Array.isArray(m[3]) ? m[3] : undefined;
              const yKw = isDict(m[4]) ? m[4] : undefined;
              if (yArgs || yKw) result.push(yArgs ?? []);
              if (yKw) result.push(yKw);
              send(call.caller.ws, result);
              return;
            }
            case 8: {
              ok('ERROR');
              if (m[1] !== 68 || !isId(m[2])) return;
              const call = invocations.get(m[2]);
              if (!call) return;
              invocations.delete(m[2]);
              send(call.caller.ws, [8, 48, call.request, {}, typeof m[4] === 'string' ? m[4] : 'wamp.error.runtime_error', ...m.slice(5, 7)]);
              return;
            }
            default:
              violation(`message code ${code} is not handled by this router`);
          }
        });
      },
    }),
  };
}
