/**
 * The one error catalogue: every error code of the kernel and of every plugin, once, with the HTTP
 * status it answers with, a short title and its documentation anchor (`/docs/errors#<anchor>`,
 * also `docs/errors.md`). Error classes take a code from here (`ErrorCode`), so a code that is
 * not catalogued does not compile, and the HTTP layer maps an error to its status by code: a
 * domain error (unknown Pokémon, full queue, database down…) can never reach a client as a 500.
 *
 * Adding a code is one line: `MY_CODE: [status, 'Title'],` in its section.
 * 500 is for bugs and for failures that no request causes (boot, CLI stages, training).
 * (Fastify's model: `createError(code, message, statusCode)`.)
 */
type Entry = readonly [status: number, title: string]

export const ERROR_CATALOGUE = {
  // --- any HTTP request
  VALIDATION_FAILED: [400, 'Invalid request'],
  JSON_MALFORMED: [400, 'Body is not valid JSON'],
  FORM_MALFORMED: [400, 'Form body is malformed'],
  UNSUPPORTED_MEDIA_TYPE: [415, 'Unsupported media type'],
  BODY_TOO_LARGE: [413, 'Request body too large'],
  REQUEST_TIMEOUT: [408, 'Request body not received in time'],
  ROUTE_NOT_FOUND: [404, 'No such route'],
  METHOD_NOT_ALLOWED: [405, 'Method not allowed'],
  RATE_LIMITED: [429, 'Too many requests'],
  TIMEOUT: [503, 'Request took too long'],
  SHUTTING_DOWN: [503, 'Server is shutting down'],
  NOT_READY: [503, 'Not ready'],
  DATABASE_UNAVAILABLE: [503, 'Database unavailable'],
  INTERNAL: [500, 'Internal error'],
  // --- API keys and CORS
  API_KEY_MISSING: [401, 'API key missing'],
  API_KEY_INVALID: [403, 'API key invalid'],
  API_KEYS_NOT_CONFIGURED: [503, 'No API key configured'],
  API_KEY_PLAINTEXT: [500, 'Plain-text API key in configuration'],
  CORS_WILDCARD_REFUSED: [500, 'Wildcard CORS origin not confirmed'],
  // --- Pokédex lookups (api, ui)
  POKEMON_NOT_FOUND: [404, 'Unknown Pokémon'],
  MOVE_NOT_FOUND: [404, 'Unknown move'],
  TYPE_NOT_FOUND: [404, 'Unknown type'],
  MOVE_NOT_LEARNABLE: [400, 'Move not learnable in Let’s Go'],
  MOVE_DUPLICATE: [400, 'Move given twice'],
  MOVE_UNSUPPORTED: [400, 'Move not supported by the engine'],
  NO_DAMAGING_MOVE: [400, 'No damaging move'],
  UI_QUIZ_TAMPERED: [400, 'Quiz state tampered with'],
  // --- kernel, configuration, stages, storage
  CONFIG_INVALID: [500, 'Invalid configuration'],
  ROLE_UNKNOWN: [500, 'Unknown role'],
  KERNEL_FROZEN: [500, 'Registry frozen'],
  KERNEL_PLUGIN_DUPLICATE: [500, 'Plugin loaded twice'],
  KERNEL_DUPLICATE: [500, 'Registered twice'],
  KERNEL_PLUGIN_UNKNOWN: [500, 'Unknown plugin'],
  KERNEL_CYCLE: [500, 'Plugin dependency cycle'],
  KERNEL_SERVICE_DUPLICATE: [500, 'Service provided twice'],
  KERNEL_SERVICE_MISSING: [500, 'Required service missing'],
  KERNEL_SERVICE_AMBIGUOUS: [500, 'Service provided by several plugins'],
  KERNEL_SERVICE_NOT_PROVIDED: [500, 'Declared service not provided'],
  KERNEL_SERVICE_UNDECLARED: [500, 'Service not declared'],
  KERNEL_SERVICE_NOT_READY: [503, 'Service not ready'],
  KERNEL_SETUP_FAILED: [500, 'Plugin setup failed'],
  KERNEL_START_FAILED: [500, 'Plugin start failed'],
  STAGE_NAME_INVALID: [500, 'Invalid stage name'],
  STAGE_DUPLICATE: [500, 'Stage registered twice'],
  STAGE_UNKNOWN: [404, 'Unknown stage'],
  STAGE_MISSING: [400, 'No stage given'],
  STAGE_ARGS: [400, 'Invalid stage arguments'],
  STAGE_INPUT_INVALID: [400, 'Invalid stage flags'],
  STAGE_BUSY: [409, 'Stage already running'],
  STAGE_TIMEOUT: [500, 'Stage timed out'],
  STAGE_FAILED: [500, 'Stage failed'],
  MIGRATION_DUPLICATE: [500, 'Migration declared twice'],
  MIGRATION_FAILED: [500, 'Migration failed'],
  DB_FULL: [507, 'Storage full'],
  METRIC_DEFINITION_INVALID: [500, 'Invalid metric definition'],
  METRIC_LABELS_INVALID: [500, 'Invalid metric labels'],
  PUSHGATEWAY_FAILED: [502, 'Pushgateway push failed'],
  // --- etl
  ETL_GATES_FAILED: [500, 'Quality gates failed'],
  ETL_EXPORT_EMPTY: [500, 'Nothing to export'],
  ETL_SOURCE_UNREACHABLE: [502, 'Live source unreachable'],
  HTTP_UNREACHABLE: [502, 'Host unreachable'],
  HTTP_ROBOTS_DISALLOWED: [502, 'Disallowed by robots.txt'],
  POKEAPI_FIELD: [502, 'Unusable PokéAPI field'],
  CSV_DIR_UNREADABLE: [500, 'CSV folder unreadable'],
  ETL_CSV_DIR_MISSING: [400, 'CSV folder not given, or csv source not enabled'],
  // --- ml: models, predictions, simulations, datasets
  ML_NO_MODEL: [503, 'No model loaded'],
  ML_MODEL_MISSING: [503, 'Model file missing'],
  ML_MODEL_CORRUPT: [503, 'Model file corrupt'],
  ML_MODEL_MISMATCH: [503, 'Model does not match the data'],
  ML_UNKNOWN_VERSION: [404, 'Unknown model version'],
  ML_UNKNOWN_POKEMON: [404, 'Unknown Pokémon'],
  ML_UNKNOWN_MOVE: [404, 'Unknown move'],
  ML_MOVE_NOT_LEARNABLE: [400, 'Move not learnable'],
  ML_MOVES_COUNT: [400, 'Wrong number of moves'],
  ML_TOO_FEW_POKEMON: [400, 'Too few Pokémon'],
  ML_DATASET_MISSING: [400, 'Dataset missing'],
  ML_DATASET_TOO_SMALL: [400, 'Dataset too small'],
  ML_DATASET_EMPTY: [400, 'Dataset has no exact rows yet'],
  ML_MATCHUPS_FAILED: [500, 'Matchup ranking failed'],
  TRUTH_REPORT_MISSING: [404, 'No truth report for the served model'],
  ML_ONNX_PARITY: [500, 'ONNX export disagrees with the model'],
  ML_SIMULATION_BUSY: [503, 'Simulation queue full'],
  ML_SIMULATION_TIMEOUT: [503, 'Simulation took too long'],
  ML_SIMULATION_CLOSED: [503, 'Simulations stopped'],
  ML_SIMULATION_FAILED: [500, 'Simulation failed'],
  // --- ml: exact battle solver and advice
  ADVICE_NO_REPLY: [400, 'Opponent has no damaging move'],
  ML_SOLVER_BUSY: [503, 'Solver queue full'],
  ML_SOLVER_CLOSED: [503, 'Solver stopped'],
  ML_SOLVER_FAILED: [500, 'Solver failed'],
  SOLVER_DISAGREES: [500, 'Solver disagrees with the engine'],
  SOLVER_COVERAGE: [500, 'Solver coverage incomplete'],
  // --- ml: optimal play (the two-player game)
  OPTIMAL_STATE_LIMIT: [422, 'Too many battle states to solve exactly'],
  OPTIMAL_CELL_LIMIT: [422, 'Value tables over the memory budget'],
  OPTIMAL_TIME_LIMIT: [422, 'Optimal play over the time budget'],
  OPTIMAL_UNSUPPORTED: [422, 'Move not modelled in optimal play'],
  OPTIMAL_BAD_STATE: [400, 'Impossible battle state'],
  OPTIMAL_BUSY: [503, 'Optimal-play queue full'],
  OPTIMAL_CLOSED: [503, 'Optimal play stopped'],
  OPTIMAL_FAILED: [500, 'Optimal-play solve failed'],
  OPTIMAL_DISAGREES: [500, 'Optimal play fails its engine checks'],
  // --- ml: battle engine
  BATTLE_UNKNOWN_POKEMON: [404, 'Unknown Pokémon'],
  BATTLE_UNKNOWN_MOVE: [404, 'Unknown move'],
  BATTLE_POKEMON_NOT_IN_LGPE: [400, 'Pokémon not in Let’s Go'],
  BATTLE_ILLEGAL_MOVE: [400, 'Illegal move'],
  BATTLE_UNSUPPORTED_MOVE: [400, 'Unsupported move'],
  BATTLE_INVALID_SET: [400, 'Invalid set'],
  BATTLE_INVALID_SEED: [400, 'Invalid seed'],
  BATTLE_INVALID_POLICY: [400, 'Invalid policy'],
  BATTLE_INVALID_ARGUMENT: [400, 'Invalid argument'],
  BATTLE_CHOICE_REJECTED: [500, 'Engine rejected a choice'],
  BATTLE_ENGINE_MISMATCH: [500, 'Engine data mismatch'],
  // --- ml: gradient boosting, ONNX, reports
  GBDT_EMPTY_DATASET: [500, 'Empty dataset'],
  GBDT_SHAPE_MISMATCH: [500, 'Shape mismatch'],
  GBDT_NON_FINITE_FEATURE: [500, 'Non-finite feature'],
  GBDT_INVALID_LABEL: [500, 'Invalid label'],
  GBDT_SINGLE_CLASS: [500, 'Single class'],
  GBDT_FEATURE_COUNT_MISMATCH: [500, 'Feature count mismatch'],
  GBDT_INVALID_PARAMS: [400, 'Invalid parameters'],
  GBDT_INVALID_MODEL: [500, 'Invalid model'],
  GBDT_INVALID_PREDICTION: [500, 'Invalid prediction'],
  GBDT_METRIC_UNDEFINED: [500, 'Metric undefined'],
  GBDT_THREAD_FAILED: [500, 'Training thread failed'],
  ONNX_INVALID_MODEL: [503, 'Invalid ONNX model'],
  ONNX_FEATURE_COUNT_MISMATCH: [500, 'ONNX feature count mismatch'],
  ONNX_RUNTIME_FAILED: [503, 'ONNX runtime failed'],
  REPORT_INVALID_INPUT: [500, 'Invalid report input'],
  REPORT_ROC_UNDEFINED: [500, 'ROC undefined'],
  // --- ml: MLflow tracking (the server's own codes are kept as `serverCode`)
  MLFLOW_UNREACHABLE: [502, 'MLflow unreachable'],
  MLFLOW_TIMEOUT: [504, 'MLflow timed out'],
  MLFLOW_HOST_REJECTED: [502, 'MLflow refused our Host'],
  MLFLOW_ARTIFACTS_DISABLED: [502, 'MLflow artifacts disabled'],
  MLFLOW_HTTP_ERROR: [502, 'MLflow HTTP error'],
  MLFLOW_SERVER_ERROR: [502, 'MLflow error'],
  MLFLOW_BAD_RESPONSE: [502, 'MLflow bad response'],
  MLFLOW_INVALID_INPUT: [500, 'Invalid MLflow input'],
  MLFLOW_BAD_TRACKING_URI: [500, 'Bad MLflow tracking URI'],
  MLFLOW_EXPERIMENT_DELETED: [502, 'MLflow experiment deleted'],
} as const satisfies Record<string, Entry>

/** A catalogued error code. */
export type ErrorCode = keyof typeof ERROR_CATALOGUE

/** The documentation anchor of a code: `ML_NO_MODEL` → `ml-no-model`. */
export function errorAnchor(code: ErrorCode): string {
  return code.toLowerCase().replaceAll('_', '-')
}

/** Where a code is documented; the `type` of its problem+json answers. */
export function errorDocsUrl(code: ErrorCode): string {
  return `/docs/errors#${errorAnchor(code)}`
}

/** True when `code` is in the catalogue (own keys only: `toString` is not a code). */
export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.hasOwn(ERROR_CATALOGUE, code)
}

/**
 * Status, title and docs link of a code.
 *
 * @example
 * describeCode('ML_NO_MODEL') // { status: 503, title: 'No model loaded', docs: '/docs/errors#ml-no-model' }
 */
export function describeCode(code: ErrorCode): { status: number; title: string; docs: string } {
  const [status, title] = ERROR_CATALOGUE[code]
  return { status, title, docs: errorDocsUrl(code) }
}
