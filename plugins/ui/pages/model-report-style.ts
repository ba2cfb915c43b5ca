/**
 * The trainer's report page carries its style inline (`<style>` and a meta CSP allowing it), but
 * the web app serves every page under a strict Content-Security-Policy (`style-src 'self'`): read
 * as is, the report lost its style and the browser logged a CSP error. So the web app serves the
 * style as a stylesheet of its own (`/model/report.css`) and links it from the report.
 */

const STYLE = /<style>([\s\S]*?)<\/style>/
const META_CSP = /<meta http-equiv="Content-Security-Policy" content="[^"]*">/

/** Rules for phones: the report's tables scroll inside their box, the page does not. */
const PHONE_CSS = `
@media (max-width: 600px) {
  main { padding: 12px 12px 48px; }
  table { display: block; max-width: 100%; overflow-x: auto; }
}
`

/**
 * The report with its inline style replaced by a link to `href`, and its meta CSP allowing
 * stylesheets from this origin only (instead of inline styles).
 *
 * @example
 * reportWithStylesheet('<head><style>b{}</style></head>', '/model/report.css')
 * // '<head><link rel="stylesheet" href="/model/report.css"></head>'
 */
export function reportWithStylesheet(html: string, href: string): string {
  return html
    .replace(
      META_CSP,
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'self'">`,
    )
    .replace(STYLE, `<link rel="stylesheet" href="${href}">`)
}

/** The report's own style, plus the phone rules. */
export function reportStylesheet(html: string): string {
  return (STYLE.exec(html)?.[1] ?? '') + PHONE_CSS
}
