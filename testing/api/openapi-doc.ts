/**
 * The parts of an OpenAPI 3.1 document the API's contract tests read, typed loosely on purpose:
 * the tests check the document, so they must not assume it is well formed.
 */

/** A JSON Schema (2020-12) as OpenAPI 3.1 embeds it. */
export type JsonSchema = {
  $ref?: string
  type?: string | string[]
  properties?: Record<string, JsonSchema>
  items?: JsonSchema
  enum?: unknown[]
  example?: unknown
  default?: unknown
  minimum?: number
  maximum?: number
  [keyword: string]: unknown
}

export interface OpenApiParameter {
  name: string
  in: 'query' | 'path' | 'header' | 'cookie'
  required?: boolean
  description?: string
  example?: unknown
  schema?: JsonSchema
}

export interface OpenApiMedia {
  schema?: JsonSchema
}

export interface OpenApiOperation {
  summary?: string
  description?: string
  parameters?: OpenApiParameter[]
  requestBody?: { required?: boolean; content?: Record<string, OpenApiMedia> }
  responses: Record<string, { description?: string; content?: Record<string, OpenApiMedia> }>
  security?: Record<string, string[]>[]
}

export interface OpenApiDocument {
  openapi: string
  paths: Record<string, Record<string, OpenApiOperation>>
  components?: {
    schemas?: Record<string, JsonSchema>
    securitySchemes?: Record<string, { type?: string; in?: string; name?: string }>
  }
}

/** One operation with the key the tests name it by, e.g. `POST /api/v1/simulate`. */
export interface OperationEntry {
  key: string
  method: string
  path: string
  operation: OpenApiOperation
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const

/**
 * Every operation of the document, in document order.
 *
 * @example
 * listOperations(doc).map((o) => o.key) // ['GET /healthz', …, 'POST /api/v1/simulate']
 */
export function listOperations(doc: OpenApiDocument): OperationEntry[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m] !== undefined).map((method) => ({
      key: `${method.toUpperCase()} ${path}`,
      method: method.toUpperCase(),
      path,
      operation: item[method]!,
    })),
  )
}

/**
 * Follows a local `$ref` (`#/components/schemas/X`) until a schema without one.
 *
 * @example
 * resolveSchema(doc, { $ref: '#/components/schemas/Problem' }).properties?.status
 */
export function resolveSchema(doc: OpenApiDocument, schema: JsonSchema): JsonSchema {
  let current = schema
  for (let guard = 0; current.$ref !== undefined && guard < 20; guard++) {
    const pointer = current.$ref.replace(/^#\//, '').split('/')
    let target: unknown = doc
    for (const part of pointer)
      target = (target as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')]
    if (target === undefined) throw new Error(`unresolved $ref ${current.$ref}`)
    current = target as JsonSchema
  }
  return current
}

/** The JSON schema of an operation's request body, resolved, if it takes one. */
export function requestBodySchema(doc: OpenApiDocument, op: OpenApiOperation): JsonSchema | undefined {
  const schema = op.requestBody?.content?.['application/json']?.schema
  return schema === undefined ? undefined : resolveSchema(doc, schema)
}

/** True when the operation needs the `ApiKey` security scheme. */
export function requiresApiKey(op: OpenApiOperation): boolean {
  return (op.security ?? []).some((requirement) => 'ApiKey' in requirement)
}

/**
 * The documented schema of one answer, by status and media type (undefined: not documented).
 *
 * @example
 * documentedSchema(entry, 404, 'application/problem+json') // { $ref: '#/components/schemas/Problem' }
 */
export function documentedSchema(
  entry: OperationEntry,
  status: number,
  type: string,
): JsonSchema | undefined {
  return entry.operation.responses[String(status)]?.content?.[type]?.schema
}
