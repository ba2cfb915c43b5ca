/** The truth report's files in a model's folder: `truth.json` (read by the predictor), `truth.md`. */
export const TRUTH_FILES = { json: 'truth.json', markdown: 'truth.md' } as const
