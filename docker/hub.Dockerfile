# One image for every hub service (api, planner, continuity, notifier, hmpps-adapter).
# The services run from compiled JavaScript (tools/build/build-services.js, SWC): the build stage
# has the dev dependencies, the image only the production ones and the build (no TypeScript
# compiler at run time; about 140 MB idle RSS per service instead of about 210 MB under swc-node).
#
#   docker build -f docker/hub.Dockerfile --build-arg SERVICE=api -t throughcare-hub-api .
#
# Build context: the repository root (see /.dockerignore).

ARG NODE_IMAGE=node:20-bookworm-slim

# ---------------------------------------------------------------- build
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --include=dev --no-audit --no-fund
COPY tsconfig.base.json ./
COPY tools/build ./tools/build
COPY libs ./libs
COPY apps ./apps
# The build directory is named by a hash of the sources; the image keeps it as /app/build.
RUN mv "$(node tools/build/build-services.js)" /app/build

# ---------------------------------------------------------------- deps
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund \
  && npm cache clean --force

# ---------------------------------------------------------------- runtime
FROM ${NODE_IMAGE} AS runtime

ARG SERVICE
RUN case "$SERVICE" in \
      api|planner|continuity|notifier|hmpps-adapter) ;; \
      *) echo "build arg SERVICE must be one of api, planner, continuity, notifier, hmpps-adapter (got '$SERVICE')" >&2; exit 1 ;; \
    esac

WORKDIR /app
# Files stay owned by root: the non-root `node` user can read but not modify them.
COPY --from=deps /app/node_modules ./node_modules
COPY package.json ./
COPY --from=build /app/build ./build

# HOST defaults to 127.0.0.1 in the services; inside a container it must listen on all interfaces.
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    SERVICE=$SERVICE

USER node

# No curl in slim images: probe readiness with Node's built-in fetch. PORT falls back to the
# service's own default when it is not set.
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=3 \
  CMD ["node", "-e", "const p=process.env.PORT||{api:3000,planner:3101,continuity:3102,notifier:3103,'hmpps-adapter':3104}[process.env.SERVICE];fetch('http://127.0.0.1:'+p+'/health/ready',{signal:AbortSignal.timeout(4000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]

# Apply this service's migrations (needs only DATABASE_URL), then replace the shell with the
# service so that it receives SIGTERM directly and shuts down gracefully.
CMD ["sh", "-c", "node build/apps/$SERVICE/src/migrate.js && exec node build/apps/$SERVICE/src/main.js"]
