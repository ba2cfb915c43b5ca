import { expect, test } from 'bun:test'
import { reportStylesheet, reportWithStylesheet } from './model-report-style.ts'

const REPORT = `<!doctype html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<style>body{margin:0}</style></head><body><main>x</main></body></html>`

test('the report links its style instead of carrying it inline, and its meta CSP allows that stylesheet', () => {
  const page = reportWithStylesheet(REPORT, '/model/report.css')
  expect(page).not.toContain('<style>')
  expect(page).toContain('<link rel="stylesheet" href="/model/report.css">')
  expect(page).toContain(`content="default-src 'none'; style-src 'self'"`)
  expect(page).not.toContain('unsafe-inline')
})

test('the stylesheet is the report’s own style plus rules that keep phones from scrolling sideways', () => {
  const css = reportStylesheet(REPORT)
  expect(css.startsWith('body{margin:0}')).toBe(true)
  expect(css).toContain('@media (max-width: 600px)')
  expect(css).toContain('overflow-x: auto')
})
