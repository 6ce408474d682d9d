# syntax=docker/dockerfile:1
# One image for every Fruehwarn service; the command picks the service:
#   docker run fruehwarn run --service engine
# Build from the repository root: docker build -t fruehwarn .

ARG NODE_IMAGE=node:20-bookworm-slim

# --- build: install everything, compile TypeScript to dist/, then drop dev dependencies ---
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY bin ./bin
COPY services ./services
COPY bench ./bench
# bench/ imports the push endpoint stand-in from test/support, so the build needs it too.
COPY test/support ./test/support
COPY schemas ./schemas
COPY rules ./rules
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund \
 # The console's static web files are served from source, not compiled; make sure the
 # folder exists so the runtime stage can copy it whether or not the console ships any.
 && mkdir -p services/console/web

# --- runtime: compiled code, production dependencies, schemas and default rules only ---
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HTTP_HOST=0.0.0.0 \
    HTTP_PORT=8080 \
    FRUEHWARN_RULES_DIR=/app/rules \
    FRUEHWARN_CATALOGUE=/app/rules/catalogue.yaml \
    FRUEHWARN_DATA_DIR=/var/lib/fruehwarn
WORKDIR /app
COPY --from=build --chown=root:root /app/package.json ./package.json
COPY --from=build --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
COPY --from=build --chown=root:root /app/bin ./bin
COPY --from=build --chown=root:root /app/schemas ./schemas
COPY --from=build --chown=root:root /app/rules ./rules
COPY --from=build --chown=root:root /app/services/console/web ./services/console/web
# The code is owned by root and read-only for the service user; only the data dir
# (embedded bus log and store snapshots, unused with Kafka + Redis) is writable.
# The node image's "node" user has uid/gid 1000, which Kubernetes' runAsNonRoot can verify.
RUN mkdir -p /var/lib/fruehwarn && chown 1000:1000 /var/lib/fruehwarn
USER 1000:1000
EXPOSE 8080
# No HEALTHCHECK: orchestrators probe /healthz (liveness) and /readyz (readiness) themselves.
HEALTHCHECK NONE
# node runs as PID 1 and gets SIGTERM directly; `fruehwarn run` stops gracefully on it.
ENTRYPOINT ["node", "bin/fruehwarn.js"]
CMD ["run"]
