// @ts-check
import { createRequire } from 'node:module';

/**
 * The one `graphql` module instance graphql-ws uses. graphql 16 ships CommonJS
 * (main) and ESM (module) builds; Node resolves `import 'graphql'` to the
 * CommonJS one, a bundler or vitest's transform to the ESM one, and a schema
 * built with one is refused by the other ("from another module or realm").
 * Requiring it pins the CommonJS build that graphql-ws gets under Node.
 *
 * @type {typeof import('graphql')}
 */
export const graphql = createRequire(import.meta.url)('graphql');
