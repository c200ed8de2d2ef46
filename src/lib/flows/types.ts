/**
 * The flow document (issue 11, docs/flows.md): a scripted conversation over
 * one or more WebSocket connections, as data. Nothing in a flow is code:
 * matchers and captures are data, and the engine never evaluates them.
 *
 * This file is the contract shared by the parser/validator (src/lib/flows/),
 * the engine (src/core/flows/), the Flows panel, the CLI and the Artillery
 * export. Every string field may hold `{{variable}}` references, expanded
 * when the step runs (URLs, payloads, matcher values, close reasons).
 */
import type { LensId } from '../decode/types';

export const FLOW_VERSION = 'sockpit-flow/1';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export interface FlowDocument {
  version: typeof FLOW_VERSION;
  name: string;
  description?: string;
  /** default values of variables; an environment and --var override them */
  variables?: Record<string, string>;
  /**
   * named variable sets (local, staging, …) kept with the flow, so the panel
   * and the CLI (`--env NAME`) pick from the same file; `--env-file` adds more
   */
  environments?: Environment[];
  /** the named connections the steps refer to; `connect` opens them */
  connections: FlowConnection[];
  /**
   * user scripts the flow carries (docs/user-code.md), referred to by name
   * from `{ "script": name }` matchers and `compute` steps; they run in the
   * sandbox (QuickJS in WebAssembly), never as the page's or Node's code
   */
  scripts?: FlowScript[];
  steps: FlowStep[];
}

/** A script carried by a flow: its functions `check(message, vars)` and `compute(vars)` are called by name. */
export interface FlowScript {
  /** unique in the flow */
  name: string;
  source: string;
}

export interface FlowConnection {
  /** referred to by steps' `connection`; unique in the flow */
  name: string;
  url: string;
  /** subprotocols */
  protocols?: string[];
  /** Decode as; absent = 'auto' */
  lens?: LensId | 'auto' | 'raw';
  binaryType?: 'arraybuffer' | 'blob';
}

/** What every step may carry. `connection` defaults to the flow's first connection. */
interface StepBase {
  /** a label shown in the panel, on the timeline's result row and by the CLI */
  name?: string;
  connection?: string;
}

/** A message to send: text, bytes written as hex or base64, or a lens message (docs/protocols.md). */
export type Payload =
  | { text: string }
  | { hex: string }
  | { base64: string }
  | { lens: LensId; kind: string; values: Record<string, string> };

/**
 * A test on one message. Several matchers in an `expect` must all hold.
 * `direction` defaults to 'in' (received).
 */
export type Matcher = (
  | { contains: string }
  | { equals: string }
  | { regex: string; flags?: string }
  /** a JSON path ($.a.b[0]) into the message parsed as JSON; one of equals / exists / matches */
  | { path: string; equals?: JsonValue; exists?: boolean; matches?: string }
  /** a JSON Schema (draft 2020-12) the message, parsed as JSON, must validate against */
  | { schema: JsonValue }
  /** a decoded field of the protocol lens (`type`, `event`, `topic`, …), as the filter's field:value */
  | { field: string; equals?: string; matches?: string }
  /** the flow script of this name's `check(message, vars)`: true passes, a string says why not */
  | { script: string }
) & { direction?: 'in' | 'out' };

/** Takes a value out of a matched message into a variable. */
export type Capture = { var: string; path: string } | { var: string; regex: string; flags?: string; group?: number | string };

export type FlowStep =
  | (StepBase & { type: 'connect'; url?: string; protocols?: string[]; lens?: FlowConnection['lens']; timeoutMs?: number })
  | (StepBase & { type: 'send'; payload: Payload })
  | (StepBase & {
      type: 'expect';
      match: Matcher[];
      /** fails after this long; default 5000 */
      timeoutMs?: number;
      /** the very next message (in the matchers' direction) must match, not just some later one */
      next?: boolean;
      capture?: Capture[];
    })
  /** captures from the message the last `expect` on the connection matched */
  | (StepBase & { type: 'capture'; capture: Capture[] })
  | (StepBase & { type: 'wait'; ms: number })
  | (StepBase & {
      type: 'repeat';
      /** n times, or for a duration (one of them) */
      times?: number;
      durationMs?: number;
      /** the variable holding the iteration number, from 0 (default "i") */
      counter?: string;
      steps: FlowStep[];
    })
  | (StepBase & { type: 'expectClose'; code?: number; reason?: string; wasClean?: boolean; timeoutMs?: number })
  | (StepBase & { type: 'close'; code?: number; reason?: string })
  /** the flow script of this name's `compute(vars)`: the object it returns sets variables (values as strings) */
  | (StepBase & { type: 'compute'; script: string });

export type StepType = FlowStep['type'];

/** A named set of variables (local, staging, …). Secret values are masked and left out of exports and links. */
export interface Environment {
  name: string;
  variables: Record<string, { value: string; secret?: boolean }>;
}

/** Where a step sits in a flow: indexes into `steps` and into each repeat's `steps` ([2, 0] = the first step of step 3's repeat). */
export type StepPath = readonly number[];

/** A bad flow: the step and field it is about, and what is wrong. Nothing runs while any exists. */
export interface FlowIssue {
  /** absent for the document itself (not JSON, unknown version) */
  step?: StepPath;
  /** e.g. "match[0].regex", "connection", "version" */
  field: string;
  message: string;
  /** for a file that is not JSON/YAML: where it stops being one (1-based) */
  line?: number;
  column?: number;
}

export type StepStatus = 'pending' | 'running' | 'passed' | 'failed' | 'skipped' | 'stopped';

/** What running one step gave. A failed expect says what it wanted, the closest message seen and how they differ. */
export interface StepResult {
  step: StepPath;
  /** the repeat iterations around the step, outermost first */
  iteration?: readonly number[];
  status: StepStatus;
  /** one line: "received {"seq":3} (seq 7)", "timed out after 2000 ms", "closed with 1006 while waiting" */
  message: string;
  expected?: string;
  closest?: string;
  difference?: string;
  startedAt: number;
  endedAt: number;
  /** the connection and the seq of the event the step matched or sent, for the timeline link */
  connection?: string;
  seq?: number;
}
