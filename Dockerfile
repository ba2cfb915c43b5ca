# syntax=docker/dockerfile:1
# PredictionDex: one image for every role. docker-compose.yml picks the role with KERNEL_ROLE
# (etl, trainer, api, ui, all) and the command (`bun run stage <plugin>` or `bun run serve`).

# ---- deps: production dependencies only, exactly as locked -------------------------------------
# The base is pinned by tag to the Bun version in package.json (and .ci/run): bump them together.
FROM oven/bun:1.4.4-slim AS deps
WORKDIR /app
COPY package.json bun.lock bunfig.toml ./
RUN bun install --frozen-lockfile --production

# ---- runtime -----------------------------------------------------------------------------------
FROM oven/bun:1.4.4-slim AS runtime
WORKDIR /app
# Containers must listen on every interface (the host-side publish in compose binds 127.0.0.1).
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080 \
    DATA_DIR=/app/data \
    MODELS_DIR=/app/models

# Code and dependencies stay root-owned and read-only for the app user; only data/ and models/
# (the volumes' mount points) belong to it, so a fresh named volume inherits that ownership.
COPY --from=deps /app/node_modules ./node_modules
COPY package.json bun.lock tsconfig.json bunfig.toml ./
COPY core ./core
COPY plugins ./plugins
COPY --chown=bun:bun models ./models
RUN mkdir -p /app/data && chown bun:bun /app/data

# The oven/bun images ship an unprivileged `bun` user (uid 1000).
USER bun
EXPOSE 8080

# Slim images have no curl: ask Bun itself. The etl role does not serve HTTP; compose disables
# this check for it.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["bun", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || '8080') + '/healthz').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

CMD ["bun", "run", "serve"]
