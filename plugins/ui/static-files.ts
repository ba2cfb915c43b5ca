import { dirname, join } from 'node:path'
import type { Context } from 'hono'

/** The only files `/static/:file` serves: our styles, the favicon, and htmx from node_modules. */
const STATIC: Record<string, () => string> = {
  'app.css': () => join(import.meta.dir, 'static', 'app.css'),
  'pokedex.css': () => join(import.meta.dir, 'static', 'pokedex.css'),
  'model.css': () => join(import.meta.dir, 'static', 'model.css'),
  'predict.css': () => join(import.meta.dir, 'static', 'predict.css'),
  'favicon.svg': () => join(import.meta.dir, 'static', 'favicon.svg'),
  'htmx.min.js': () =>
    join(dirname(Bun.resolveSync('htmx.org/package.json', import.meta.dir)), 'dist', 'htmx.min.js'),
}

/** npm `pokesprite-images`: box sprites named by PokéAPI-style slugs, like our forms. */
const SPRITES = () =>
  join(dirname(Bun.resolveSync('pokesprite-images/package.json', import.meta.dir)), 'pokemon-gen8', 'regular')

const SLUG_PNG = /^[a-z0-9]+(?:-[a-z0-9]+)*\.png$/

const served = (path: string) => {
  const file = Bun.file(path)
  return new Response(file, {
    headers: { 'content-type': file.type, 'cache-control': 'public, max-age=86400' },
  })
}

/**
 * `/static/:file` and `/static/sprites/:slug.png`: files served from a fixed list or one folder,
 * never from a path the request builds; anything else is a 404 page.
 *
 * @example
 * app.get('/static/sprites/:file', sprite)
 */
export function staticFile(c: Context) {
  // Own keys only: `/static/toString` or `/static/__proto__` are unknown files, not
  // Object.prototype's members (they were 500s: issue 13, #4).
  const name = c.req.param('file') ?? ''
  const path = Object.hasOwn(STATIC, name) ? STATIC[name] : undefined
  return path ? served(path()) : c.notFound()
}

/** A form's sprite (`/static/sprites/raichu-alola.png`). */
export async function sprite(c: Context) {
  const name = c.req.param('file') ?? ''
  if (!SLUG_PNG.test(name)) return c.notFound()
  const path = join(SPRITES(), name)
  return (await Bun.file(path).exists()) ? served(path) : c.notFound()
}

/** Browsers ask for `/favicon.ico` on their own: answer with the SVG icon. */
export function favicon() {
  return served(STATIC['favicon.svg']!())
}
