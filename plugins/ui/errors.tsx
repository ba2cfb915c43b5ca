import type { Context } from 'hono'
import type { HtmlErrorRenderer } from '../../core/plugin.ts'
import { wantsFragment } from './htmx.ts'
import { localeOf } from './i18n/locale.ts'
import { respond } from './layout.tsx'

/**
 * The web app's error pages (404 for unknown addresses, 4xx from handlers, 500) in the page
 * layout with its navigation, in the reader's language; htmx requests get the message alone, which
 * htmx swaps where the answer was expected. Never a stack trace: 5xx show a generic text.
 *
 * @example
 * ctx.http.htmlErrors(renderHtmlError)
 */
export const renderHtmlError: HtmlErrorRenderer = (c: Context, status, message) => {
  const l = localeOf(c)
  const { errors } = l.t
  const title =
    status === 404 ? errors.notFoundTitle : status >= 500 ? errors.serverTitle : errors.badRequestTitle
  const text = message ?? (status === 404 ? errors.notFound(c.req.path) : errors.server)
  if (wantsFragment(c)) {
    return c.html(
      <p class="error" role="alert">
        {text}
      </p>,
      status as 400,
    )
  }
  return respond(c, {
    title,
    path: '',
    status,
    locale: l,
    body: (
      <section class="error-page">
        <h1>{title}</h1>
        <p class="error" role="alert">
          {text}
        </p>
        <p>
          <a href="/">{errors.backHome}</a>
        </p>
      </section>
    ),
  })
}
