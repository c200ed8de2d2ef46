/**
 * JSON Schema (draft 2020-12) for flows: a check that a schema is one, and
 * validation of a message against it with `@cfworker/json-schema`, which
 * interprets the schema and never generates code (no `new Function`, unlike
 * ajv), so it runs under the page's CSP `script-src 'self'`.
 */
import { Validator } from '@cfworker/json-schema';
import type { Schema } from '@cfworker/json-schema';

const TYPES = new Set(['null', 'boolean', 'object', 'array', 'number', 'string', 'integer']);
const SCHEMA_KEYS = ['not', 'if', 'then', 'else', 'items', 'contains', 'additionalProperties', 'propertyNames', 'unevaluatedItems', 'unevaluatedProperties'];
const SCHEMA_ARRAYS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const SCHEMA_MAPS = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'];
const NUMBERS = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'];
const COUNTS = ['minLength', 'maxLength', 'minItems', 'maxItems', 'minProperties', 'maxProperties', 'minContains', 'maxContains'];

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function compiles(pattern: string): string | undefined {
  try {
    new RegExp(pattern, 'u');
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

const key = (base: string, k: string | number) => `${base}/${String(k).replace(/~/g, '~0').replace(/\//g, '~1')}`;

/**
 * Why `schema` is not a valid JSON Schema, with the JSON pointer of the bad
 * part ("#/properties/id/type: ..."), or undefined when it is one. Checks the
 * keywords' shapes (types, patterns that compile, counts, required, enum,
 * nested schemas); unknown keywords are allowed, as the standard says.
 */
export function schemaError(schema: unknown, at = '#'): string | undefined {
  if (typeof schema === 'boolean') return undefined;
  if (!isObject(schema)) return `${at}: a schema is an object or true/false`;
  const s = schema;
  if ('type' in s) {
    const types = Array.isArray(s.type) ? s.type : [s.type];
    for (const t of types) if (typeof t !== 'string' || !TYPES.has(t)) return `${key(at, 'type')}: unknown type ${JSON.stringify(t)} (use ${[...TYPES].join(', ')})`;
  }
  if ('pattern' in s) {
    if (typeof s.pattern !== 'string') return `${key(at, 'pattern')}: a pattern is a string`;
    const err = compiles(s.pattern);
    if (err) return `${key(at, 'pattern')}: the regular expression does not compile: ${err}`;
  }
  for (const k of NUMBERS) if (k in s && typeof s[k] !== 'number') return `${key(at, k)}: must be a number`;
  for (const k of COUNTS) if (k in s && !(Number.isInteger(s[k]) && (s[k] as number) >= 0)) return `${key(at, k)}: must be a whole number ≥ 0`;
  if ('multipleOf' in s && !(typeof s.multipleOf === 'number' && s.multipleOf > 0)) return `${key(at, 'multipleOf')}: must be a number > 0`;
  if ('required' in s) {
    if (!Array.isArray(s.required) || s.required.some((r) => typeof r !== 'string')) return `${key(at, 'required')}: must be an array of property names`;
    if (new Set(s.required).size !== s.required.length) return `${key(at, 'required')}: names must be unique`;
  }
  if ('enum' in s && !Array.isArray(s.enum)) return `${key(at, 'enum')}: must be an array`;
  if ('$ref' in s && typeof s.$ref !== 'string') return `${key(at, '$ref')}: must be a string`;
  for (const k of SCHEMA_KEYS) {
    if (!(k in s)) continue;
    const err = schemaError(s[k], key(at, k));
    if (err) return err;
  }
  for (const k of SCHEMA_ARRAYS) {
    if (!(k in s)) continue;
    const list = s[k];
    if (!Array.isArray(list) || list.length === 0) return `${key(at, k)}: must be a non-empty array of schemas`;
    for (let i = 0; i < list.length; i++) {
      const err = schemaError(list[i], key(key(at, k), i));
      if (err) return err;
    }
  }
  for (const k of SCHEMA_MAPS) {
    if (!(k in s)) continue;
    const map = s[k];
    if (!isObject(map)) return `${key(at, k)}: must be an object of schemas`;
    for (const [name, sub] of Object.entries(map)) {
      if (k === 'patternProperties') {
        const err = compiles(name);
        if (err) return `${key(key(at, k), name)}: the regular expression does not compile: ${err}`;
      }
      const err = schemaError(sub, key(key(at, k), name));
      if (err) return err;
    }
  }
  return undefined;
}

export type SchemaCheck = { ok: true } | { ok: false; errors: string[] };

const validators = new WeakMap<object, Validator>();

/** Whether `value` (parsed JSON) validates against `schema` (draft 2020-12); the errors say where it does not. */
export function checkAgainstSchema(schema: unknown, value: unknown): SchemaCheck {
  let validator = isObject(schema) ? validators.get(schema) : undefined;
  if (!validator) {
    validator = new Validator(schema as Schema | boolean, '2020-12', false);
    if (isObject(schema)) validators.set(schema, validator);
  }
  const result = validator.validate(value);
  if (result.valid) return { ok: true };
  // The innermost errors say most; cfworker lists the outer keyword's error after its causes.
  const errors = result.errors.map((e) => `${e.instanceLocation}: ${e.error}`);
  return { ok: false, errors: [...new Set(errors)].slice(0, 5) };
}
