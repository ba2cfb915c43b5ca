/**
 * Prints docs/errors.md from the error catalogue (`bun scripts/error-table.ts > docs/errors.md`);
 * core/error-catalogue.test.ts keeps the file in step.
 */
import { errorTableMarkdown } from '../core/error-docs.ts'

console.log(`# Error codes

Every error answer of the API is \`application/problem+json\` (RFC 9457) with a \`code\` from this
table, generated from \`core/error-catalogue.ts\`; a running server serves it at \`/docs/errors\`,
and a problem's \`type\` links to its row. 500 means a bug or a failure no request causes (boot,
CLI stages, training); every other code answers with its own status.

${errorTableMarkdown()}`)
