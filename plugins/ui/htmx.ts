import type { Context } from 'hono'

/**
 * The one place that knows htmx's request headers and the "full page or fragment" rule: a
 * request made by htmx (`HX-Request: true`, not a history restore) gets only the fragment; a
 * normal navigation gets the fragment wrapped in the layout. Pages never check headers themselves.
 */
export const HX_REQUEST = 'HX-Request'
export const HX_HISTORY_RESTORE = 'HX-History-Restore-Request'

/** True when htmx asked for a fragment. */
export function wantsFragment(c: Context): boolean {
  return c.req.header(HX_REQUEST) === 'true' && c.req.header(HX_HISTORY_RESTORE) !== 'true'
}
