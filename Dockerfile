# Sitrep worker image: build with dev dependencies, run with production ones only.
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json tsconfig.json ./
COPY src ./src
COPY bench ./bench
COPY scripts ./scripts
RUN npm ci --no-audit --no-fund && npm prune --omit=dev --ignore-scripts

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY config ./config
COPY data/model ./data/model
RUN mkdir -p /app/data/store && chown -R node:node /app/data
USER node
VOLUME ["/app/data/store"]
# Slack HTTP mode listens here when enabled.
EXPOSE 3000
ENTRYPOINT ["node", "dist/src/cli/main.js"]
CMD ["run"]
