import type { Context } from 'hono'
import type { Child } from 'hono/jsx'
import { wantsFragment } from './htmx.ts'
import { type Locale, localeOf } from './i18n/locale.ts'

/** Navigation entries (path, message key); a section appears here only once it works. */
const NAV = [
  ['/', 'home'],
  ['/predict', 'predict'],
  ['/pokedex', 'pokedex'],
  ['/moves', 'moves'],
  ['/types', 'types'],
  ['/quiz', 'quiz'],
  ['/model', 'model'],
] as const

/**
 * htmx settings, read from a meta tag so no inline script is needed (strict CSP): 4xx answers are
 * swapped like 2xx (they carry the error message to show), htmx adds no inline style, and Back
 * always reloads the page from its URL, so filters and results stay consistent.
 */
const HTMX_CONFIG = JSON.stringify({
  includeIndicatorStyles: false,
  historyCacheSize: 0,
  refreshOnHistoryMiss: true,
  allowEval: false,
  responseHandling: [
    { code: '204', swap: false },
    { code: '[23]..', swap: true },
    { code: '4..', swap: true, error: false },
    { code: '5..', swap: true, error: false },
  ],
})

/** The current address with `lang` set, for the language switch. */
function switchHref(url: string, lang: string): string {
  const u = new URL(url)
  u.searchParams.set('lang', lang)
  return `${u.pathname}?${u.searchParams.toString()}`
}

/**
 * The page shell: language, Pikachu-yellow and Évoli-brown theme, navigation that wraps on
 * phones, htmx served by us (never a CDN), a language switch that remembers the choice.
 *
 * @example
 * <Layout locale={l} title="Types" path="/types" url={c.req.url}>…</Layout>
 */
export function Layout(props: { locale: Locale; title: string; path: string; url: string; children: Child }) {
  const { t } = props.locale
  return (
    <html lang={t.htmlLang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="htmx-config" content={HTMX_CONFIG} />
        <title>{`${props.title} · PredictionDex`}</title>
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/static/app.css" />
        <link rel="stylesheet" href="/static/pokedex.css" />
        <link rel="stylesheet" href="/static/model.css" />
        <link rel="stylesheet" href="/static/predict.css" />
        <script src="/static/htmx.min.js" defer />
      </head>
      <body hx-boost="true">
        <a class="skip" href="#main">
          {t.skip}
        </a>
        <header class="top">
          <a class="brand" href="/">
            <img src="/static/favicon.svg" alt="" width="28" height="28" />
            {t.brand}
          </a>
          <nav aria-label={t.nav.label}>
            {NAV.map(([href, key]) => (
              <a href={href} aria-current={props.path === href ? 'page' : undefined}>
                {t.nav[key]}
              </a>
            ))}
          </nav>
          <a
            class="lang-switch"
            href={switchHref(props.url, t.switchTo.lang)}
            hreflang={t.switchTo.lang}
            lang={t.switchTo.lang}
            title={t.switchTo.title}
            hx-boost="false"
          >
            {t.switchTo.label}
          </a>
        </header>
        <main id="main">{props.children}</main>
        <footer>
          {t.footer.data} · <a href="/credits">{t.nav.credits}</a> ·{' '}
          <a href="/docs" hx-boost="false">
            {t.footer.api}
          </a>
        </footer>
      </body>
    </html>
  )
}

/**
 * Answers a page: only `body` to htmx fragment requests, the whole document (with its doctype,
 * so browsers use standards mode) otherwise. Every page answers through here.
 *
 * @example
 * return respond(c, { title: l.t.types.title, path: '/types', body })
 */
export async function respond(
  c: Context,
  page: { title: string; path: string; body: Child; status?: number; locale?: Locale },
): Promise<Response> {
  const status = (page.status ?? 200) as 200
  if (wantsFragment(c)) return c.html(page.body as never, status)
  const locale = page.locale ?? localeOf(c)
  const document = (
    <Layout locale={locale} title={page.title} path={page.path} url={c.req.url}>
      {page.body}
    </Layout>
  )
  return c.html(`<!doctype html>${await document.toString()}`, status)
}
