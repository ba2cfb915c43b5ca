import fc from 'fast-check'
import {
  encodeComponent,
  hostileJson,
  hostileKey,
  hostileNumber,
  hostileNumericText,
  hostileText,
  hugeArray,
  malformedJsonText,
  rawQueryJunk,
} from './hostile-values.ts'
import {
  type JsonSchema,
  type OpenApiDocument,
  type OpenApiParameter,
  type OperationEntry,
  requestBodySchema,
  resolveSchema,
} from './openapi-doc.ts'

/**
 * Request generators derived from an operation of the OpenAPI document. Each input has two
 * generators: `usual` values a real client sends (they may still be refused, e.g. a move the
 * Pokémon cannot learn) and `hostile` ones. Inputs made of parts mix them so that most requests
 * are hostile in one place only: they pass the first validator and reach the handler's own checks.
 */
export interface Gen<T> {
  usual: fc.Arbitrary<T>
  hostile: fc.Arbitrary<T>
  /** Never left out (a missing field with a costly default, such as K battles). */
  keep?: boolean
}

/** Usual values by parameter or body field name, or a field's own generators. */
export type Pools = Record<string, readonly unknown[] | Gen<unknown>>

/** The part of a request these generators build; the caller adds the method and the key. */
export interface RequestParts {
  /** Path and query, percent-encoded. */
  url: string
  headers: Record<string, string>
  body?: string
}

const poolValues = (pools: Pools, name: string): unknown[] => {
  const pool = pools[name]
  return Array.isArray(pool) ? [...pool] : []
}

/** Values of the schema itself: enum members, example, default, the bounds. */
function schemaValues(schema: JsonSchema | undefined): unknown[] {
  if (!schema) return []
  const values: unknown[] = [...(schema.enum ?? [])]
  for (const v of [schema.example, schema.default, schema.minimum, schema.maximum]) {
    if (v !== undefined) values.push(v)
  }
  return values
}

/** One step past each bound: the first values a validator must refuse. */
function pastBounds(schema: JsonSchema | undefined): number[] {
  const values: number[] = []
  if (typeof schema?.minimum === 'number') values.push(schema.minimum - 1)
  if (typeof schema?.maximum === 'number') values.push(schema.maximum + 1)
  return values
}

const isNumeric = (schema: JsonSchema | undefined) => schema?.type === 'integer' || schema?.type === 'number'

/** All usual; or exactly one part hostile or missing (most often); or each part anything. */
function mix<T>(parts: Gen<T>[], missing: T): Gen<T[]> {
  const usual = fc.tuple(...parts.map((p) => p.usual))
  if (parts.length === 0) return { usual, hostile: usual }
  const bad = (p: Gen<T>) => (p.keep ? p.hostile : fc.oneof(p.hostile, fc.constant(missing)))
  const oneBad = fc
    .nat({ max: parts.length - 1 })
    .chain((index) => fc.tuple(...parts.map((p, i) => (i === index ? bad(p) : p.usual))))
  const anything = fc.tuple(...parts.map((p) => fc.oneof(bad(p), p.usual)))
  return { usual, hostile: fc.oneof({ weight: 3, arbitrary: oneBad }, { weight: 1, arbitrary: anything }) }
}

function paramGen(param: OpenApiParameter, pools: Pools): Gen<string> {
  const usual = [...poolValues(pools, param.name), ...schemaValues(param.schema)].map(String)
  const past = pastBounds(param.schema).map(String)
  let hostile = isNumeric(param.schema)
    ? fc.oneof(hostileNumericText, hostileText, ...past.map((v) => fc.constant(v)))
    : hostileText
  // '', '.' and '..' in a path are not a parameter value but another URL (empty or dot segment).
  if (param.in === 'path') hostile = hostile.filter((v) => !['', '.', '..'].includes(v))
  return { usual: usual.length === 0 ? hostile : fc.constantFrom(...usual), hostile }
}

type Pair = [string, string]

/** A query parameter as pairs: usual is absent or once; hostile is a bad value, or repeated. */
function queryGen(param: OpenApiParameter, pools: Pools): Gen<Pair[]> {
  const value = paramGen(param, pools)
  const once = (v: fc.Arbitrary<string>) => v.map((x): Pair[] => [[param.name, x]])
  const twice = fc.tuple(value.usual, fc.oneof(value.usual, value.hostile)).map(([a, b]): Pair[] => [
    [param.name, a],
    [param.name, b],
  ])
  return {
    usual: fc.oneof(fc.constant<Pair[]>([]), once(value.usual)),
    hostile: fc.oneof({ weight: 3, arbitrary: once(value.hostile) }, { weight: 1, arbitrary: twice }),
  }
}

/** Path and query from the documented parameters; hostile adds unknown keys and broken escapes. */
function urlGen(entry: OperationEntry, pools: Pools): Gen<string> {
  const params = entry.operation.parameters ?? []
  const pathParams = params.filter((p) => p.in === 'path')
  const parts = mix<unknown>(
    [
      ...pathParams.map((p) => paramGen(p, pools)),
      ...params.filter((p) => p.in === 'query').map((p) => queryGen(p, pools)),
    ],
    [],
  )
  const build = (values: unknown[], extras: Pair[], junk: string | null) => {
    const path = entry.path.replace(/\{(\w+)\}/g, (_, name: string) => {
      const value = values[pathParams.findIndex((p) => p.name === name)]
      return encodeComponent(typeof value === 'string' ? value : 'x')
    })
    const pairs = [...(values.slice(pathParams.length).flat() as Pair[]), ...extras]
    const query = pairs.map(([k, v]) => `${encodeComponent(k)}=${encodeComponent(v)}`)
    if (junk !== null) query.push(junk)
    return query.length === 0 ? path : `${path}?${query.join('&')}`
  }
  const extras = fc.array(fc.tuple(hostileKey, hostileText), { maxLength: 2 })
  return {
    usual: parts.usual.map((values) => build(values, [], null)),
    hostile: fc
      .tuple(parts.hostile, extras, fc.option(rawQueryJunk, { freq: 4 }))
      .map(([values, more, junk]) => build(values, more, junk)),
  }
}

const MISSING = Symbol('missing field')

/** JSON for a body schema: hostile has wrong types, missing and extra fields, huge arrays. */
function bodyGen(
  doc: OpenApiDocument,
  schema: JsonSchema,
  name: string,
  pools: Pools,
  depth = 0,
): Gen<unknown> {
  const own = pools[name]
  if (own !== undefined && !Array.isArray(own)) return own as Gen<unknown>
  const resolved = resolveSchema(doc, schema)
  const wrong = fc.oneof(hostileJson, fc.constant(null))
  if (resolved.type === 'object' && resolved.properties && depth < 4) {
    const keys = Object.keys(resolved.properties)
    const required = Array.isArray(resolved.required) ? resolved.required : []
    // A client usually leaves optional fields out: that is where defaults are computed.
    const field = (key: string): Gen<unknown> => {
      const gen = bodyGen(doc, resolved.properties![key]!, key, pools, depth + 1)
      if (required.includes(key) || gen.keep) return gen
      return { ...gen, usual: fc.oneof(gen.usual, fc.constant(MISSING)) }
    }
    const fields = mix(keys.map(field), MISSING as unknown)
    const build = (values: unknown[], extras: Record<string, unknown> = {}) => ({
      ...extras,
      ...Object.fromEntries(keys.map((k, i) => [k, values[i]]).filter(([, v]) => v !== MISSING)),
    })
    const extras = fc.dictionary(hostileKey, hostileJson, { minKeys: 1, maxKeys: 2 })
    return {
      usual: fields.usual.map((values) => build(values)),
      hostile: fc.oneof(
        { weight: 6, arbitrary: fields.hostile.map((values) => build(values)) },
        { weight: 1, arbitrary: fc.tuple(fields.usual, extras).map(([v, e]) => build(v, e)) },
        { weight: 1, arbitrary: wrong },
      ),
    }
  }
  if (resolved.type === 'array' && resolved.items) {
    const item = bodyGen(doc, resolved.items, name, pools, depth + 1)
    return {
      usual: fc.uniqueArray(item.usual, { minLength: 1, maxLength: 4, selector: (v) => JSON.stringify(v) }),
      hostile: fc.oneof(
        { weight: 3, arbitrary: fc.array(fc.oneof(item.usual, item.hostile), { maxLength: 4 }) },
        { weight: 2, arbitrary: hugeArray(item.usual) },
        { weight: 1, arbitrary: fc.constant([]) },
        { weight: 1, arbitrary: wrong },
      ),
    }
  }
  const usual = [...poolValues(pools, name), ...schemaValues(resolved)]
  const scalar = isNumeric(resolved)
    ? fc.oneof(hostileNumber, ...pastBounds(resolved).map((v) => fc.constant(v)))
    : hostileText
  const hostile = fc.oneof({ weight: 3, arbitrary: scalar }, wrong)
  return { usual: usual.length === 0 ? hostile : fc.constantFrom(...usual), hostile }
}

const JSON_TYPES = ['application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON']
const OTHER_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'application/xml',
  '',
]

/** The JSON body and its content type; hostile is bad JSON values, not JSON, or not sent as JSON. */
function bodyPartsGen(
  doc: OpenApiDocument,
  schema: JsonSchema,
  pools: Pools,
): Gen<Omit<RequestParts, 'url'>> {
  const value = bodyGen(doc, schema, 'body', pools)
  const send = (types: string[], json: fc.Arbitrary<unknown>) =>
    fc.record({ type: fc.constantFrom(...types), json }).map(
      ({ type, json: v }): Omit<RequestParts, 'url'> => ({
        headers: type === '' ? {} : { 'content-type': type },
        body: JSON.stringify(v) ?? 'null',
      }),
    )
  const malformed = malformedJsonText.map(
    (body): Omit<RequestParts, 'url'> => ({ headers: { 'content-type': 'application/json' }, body }),
  )
  return {
    usual: send(JSON_TYPES, value.usual),
    hostile: fc.oneof(
      { weight: 6, arbitrary: send(JSON_TYPES, value.hostile) },
      { weight: 1, arbitrary: malformed },
      { weight: 1, arbitrary: send(OTHER_TYPES, value.usual) },
    ),
  }
}

/**
 * Requests for one operation, built from its documented parameters and body schema: about one in
 * four entirely usual, the others hostile in the URL, the body, or both.
 *
 * @example
 * fc.sample(requestPartsFor(doc, entry, { idOrSlug: ['pikachu'] }), 3)
 */
export function requestPartsFor(
  doc: OpenApiDocument,
  entry: OperationEntry,
  pools: Pools,
): fc.Arbitrary<RequestParts> {
  const url = urlGen(entry, pools)
  const schema = requestBodySchema(doc, entry.operation)
  if (!schema) {
    return fc
      .oneof({ weight: 1, arbitrary: url.usual }, { weight: 3, arbitrary: url.hostile })
      .map((u) => ({ url: u, headers: {} }))
  }
  const body = bodyPartsGen(doc, schema, pools)
  const request = (u: fc.Arbitrary<string>, b: fc.Arbitrary<Omit<RequestParts, 'url'>>) =>
    fc.tuple(u, b).map(([urlText, parts]) => ({ url: urlText, ...parts }))
  return fc.oneof(
    { weight: 2, arbitrary: request(url.usual, body.usual) },
    { weight: 1, arbitrary: request(url.hostile, body.usual) },
    { weight: 3, arbitrary: request(url.usual, body.hostile) },
    { weight: 1, arbitrary: request(url.hostile, body.hostile) },
  )
}
