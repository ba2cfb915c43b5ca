import { dirname, join } from 'node:path'
import type { Hono } from 'hono'

/**
 * The interactive API docs (Swagger UI) served entirely from node_modules, so they render with no
 * internet access (the default CDN build shows a blank page offline).
 */
const ASSETS = ['swagger-ui.css', 'swagger-ui-bundle.js', 'favicon-32x32.png'] as const

function assetDir(): string {
  return dirname(Bun.resolveSync('swagger-ui-dist/package.json', import.meta.dir))
}

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>PredictionDex API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/docs/assets/swagger-ui.css"><link rel="icon" href="/docs/assets/favicon-32x32.png"></head>
<body><div id="swagger-ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script><script src="/docs/init.js"></script></body></html>`

const INIT = `window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui', deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis], layout: 'BaseLayout', tryItOutEnabled: true })`

/**
 * Adds `/docs`, `/docs/init.js` and `/docs/assets/*` to an app.
 *
 * @example
 * mountDocs(app) // then open http://127.0.0.1:8080/docs
 */
export function mountDocs(app: Hono<any, any, any>): void {
  const dir = assetDir()
  app.get('/docs', (c) => c.html(PAGE))
  app.get('/docs/init.js', (c) => c.body(INIT, 200, { 'content-type': 'text/javascript; charset=utf-8' }))
  app.get('/docs/assets/:file', async (c) => {
    const name = c.req.param('file')
    if (!(ASSETS as readonly string[]).includes(name)) return c.notFound()
    const file = Bun.file(join(dir, name))
    return new Response(file, {
      headers: { 'cache-control': 'public, max-age=86400', 'content-type': file.type },
    })
  })
}
