import type { Context } from 'hono'

/**
 * The one place that knows htmx's request headers and the "full page or fragment" rule: a
 * request made by htmx (`HX-Request: true`, not a history restore, not a boosted navigation) gets
 * only the fragment; a normal or boosted navigation gets the fragment wrapped in the layout. Pages never check headers themselves.
 */
export const HX_REQUEST = 'HX-Request'
export const HX_HISTORY_RESTORE = 'HX-History-Restore-Request'
/** Set on requests made by `hx-boost`ed links and forms: they replace the whole body, layout included. */
export const HX_BOOSTED = 'HX-Boosted'

/** True when htmx asked for a fragment. */
export function wantsFragment(c: Context): boolean {
  return (
    c.req.header(HX_REQUEST) === 'true' &&
    c.req.header(HX_HISTORY_RESTORE) !== 'true' &&
    c.req.header(HX_BOOSTED) !== 'true'
  )
}
