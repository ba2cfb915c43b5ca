import Ajv2020, { type ErrorObject } from 'ajv/dist/2020'
import oas31Schema from './openapi-3.1.schema.json'
import type { JsonSchema, OpenApiDocument } from './openapi-doc.ts'

/**
 * Ajv helpers for the OpenAPI contract tests: the document against the official OpenAPI 3.1
 * schema, and JSON answers against the document's own schemas (OpenAPI 3.1 schemas are JSON
 * Schema 2020-12, hence `ajv/dist/2020`).
 */

/** Keywords of the OpenAPI 3.1 base dialect that JSON Schema 2020-12 does not define. */
const OAS_KEYWORDS = ['example', 'discriminator', 'xml', 'externalDocs']

/** Light checks for the formats the OpenAPI schema uses (ajv-formats is not a dependency). */
const FORMATS: Record<string, RegExp> = {
  'uri-reference': /^[^\s]*$/,
  uri: /^[a-z][a-z0-9+.-]*:[^\s]*$/i,
  email: /^[^\s@]+@[^\s@]+$/,
  'media-range': /^[\w.+*-]+\/[\w.+*-]+(\s*;.*)?$/,
}

function newAjv(strict: boolean): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict, strictTypes: false })
  for (const keyword of OAS_KEYWORDS) ajv.addKeyword(keyword)
  for (const [name, pattern] of Object.entries(FORMATS)) ajv.addFormat(name, pattern)
  return ajv
}

const describe = (errors: ErrorObject[] | null | undefined): string[] =>
  (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword} ${JSON.stringify(e.params)}`)

/**
 * Validates a document against the vendored OpenAPI 3.1 schema; returns the errors (empty: valid).
 * Not strict: the official schema itself trips Ajv's strict-mode lints.
 *
 * @example
 * expect(validateOpenApiDocument(await (await app.request('/openapi.json')).json())).toEqual([])
 */
export function validateOpenApiDocument(doc: unknown): string[] {
  const validate = newAjv(false).compile(oas31Schema)
  return validate(doc) ? [] : describe(validate.errors)
}

/**
 * Compiles every component schema with Ajv in strict mode: each must be valid JSON Schema 2020-12
 * without unknown keywords or formats (the OpenAPI schema does not look inside Schema Objects).
 */
export function checkComponentSchemas(doc: OpenApiDocument): string[] {
  const ajv = newAjv(true)
  ajv.addSchema(componentsResource(doc, false))
  return Object.keys(doc.components?.schemas ?? {}).flatMap((name) => {
    try {
      ajv.compile({ $ref: `${COMPONENTS_ID}#/$defs/${name}` })
      return []
    } catch (error) {
      return [`${name}: ${error instanceof Error ? error.message : String(error)}`]
    }
  })
}

const COMPONENTS_ID = 'https://predictiondex.invalid/openapi-components.json'

/** Points `#/components/schemas/X` at the components resource Ajv holds. */
function rewriteRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteRefs)
  if (node === null || typeof node !== 'object') return node
  return Object.fromEntries(
    Object.entries(node).map(([k, v]) => [
      k,
      k === '$ref' && typeof v === 'string'
        ? v.replace('#/components/schemas/', `${COMPONENTS_ID}#/$defs/`)
        : rewriteRefs(v),
    ]),
  )
}

/**
 * Closes a schema: every object may hold only its documented properties (an undocumented field
 * is an untruthful document too). `unevaluatedProperties`, not `additionalProperties`, so an
 * `allOf` extension (MoveDetail = MoveSummary + more) is closed as a whole; `allOf` members and
 * component roots stay open, and each `$ref` is closed where it is used instead.
 */
function close(node: unknown, open = false): unknown {
  if (Array.isArray(node)) return node.map((n) => close(n))
  if (node === null || typeof node !== 'object') return node
  const schema = node as JsonSchema
  const out: JsonSchema = {}
  for (const [k, v] of Object.entries(schema)) {
    if (k === 'allOf' && Array.isArray(v)) out[k] = v.map((member) => close(member, true))
    else if (k === 'properties' && v && typeof v === 'object') {
      out[k] = Object.fromEntries(Object.entries(v).map(([name, sub]) => [name, close(sub) as JsonSchema]))
    } else if (['items', 'additionalProperties', 'prefixItems', 'anyOf', 'oneOf', 'not'].includes(k)) {
      out[k] = close(v)
    } else out[k] = v
  }
  const isObject = schema.properties !== undefined || schema.allOf !== undefined || schema.$ref !== undefined
  if (!open && isObject && schema.additionalProperties === undefined) out.unevaluatedProperties = false
  return out
}

function componentsResource(doc: OpenApiDocument, closed: boolean) {
  const schemas = doc.components?.schemas ?? {}
  const $defs = Object.fromEntries(
    Object.entries(schemas).map(([name, schema]) => [
      name,
      rewriteRefs(closed ? close(schema, true) : schema),
    ]),
  )
  return { $id: COMPONENTS_ID, $defs }
}

/**
 * A checker of JSON values against schemas of the document (refs resolved), closed so that an
 * undocumented field is an error. Compiled schemas are cached per checker.
 *
 * @example
 * const check = createSchemaChecker(doc)
 * check(doc.paths['/api/v1/types'].get.responses['200'].content['application/json'].schema, body) // []
 */
export function createSchemaChecker(doc: OpenApiDocument): (schema: JsonSchema, value: unknown) => string[] {
  const ajv = newAjv(true)
  ajv.addSchema(componentsResource(doc, true))
  const cache = new Map<string, ReturnType<typeof ajv.compile>>()
  return (schema, value) => {
    const key = JSON.stringify(schema)
    let validate = cache.get(key)
    if (!validate) {
      validate = ajv.compile(rewriteRefs(close(schema)) as object)
      cache.set(key, validate)
    }
    return validate(value) ? [] : describe(validate.errors)
  }
}
