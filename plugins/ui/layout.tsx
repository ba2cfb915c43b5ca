import type { Child } from 'hono/jsx'

/** Navigation entries; a section appears here only once it works. */
const NAV = [
  { href: '/', label: 'Accueil' },
  { href: '/predict', label: 'Prédiction' },
  { href: '/pokedex', label: 'Pokédex' },
  { href: '/moves', label: 'Capacités' },
  { href: '/types', label: 'Table des types' },
  { href: '/quiz', label: 'Quiz des types' },
  { href: '/model', label: 'Le modèle' },
] as const

/**
 * The page shell: French UI, Pikachu-yellow and Évoli-brown theme, htmx served by us (never a CDN).
 *
 * @example
 * c.html(<Layout title="Types" path="/types">…</Layout>)
 */
export function Layout(props: { title: string; path: string; children: Child }) {
  return (
    <html lang="fr">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · PredictionDex`}</title>
        <link rel="stylesheet" href="/static/app.css" />
        <link rel="stylesheet" href="/static/pokedex.css" />
        <link rel="stylesheet" href="/static/model.css" />
        <script src="/static/htmx.min.js" defer />
      </head>
      <body hx-boost="true">
        <header class="top">
          <a class="brand" href="/">
            PredictionDex
          </a>
          <nav>
            {NAV.map((item) => (
              <a href={item.href} aria-current={props.path === item.href ? 'page' : undefined}>
                {item.label}
              </a>
            ))}
          </nav>
        </header>
        <main id="main">{props.children}</main>
        <footer>
          Données : Pokémon Showdown (gen7letsgo) · <a href="/docs">API</a>
        </footer>
      </body>
    </html>
  )
}
