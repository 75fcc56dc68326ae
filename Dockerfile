# Gluework server image: build with dev dependencies, run with production ones as a non-root user.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts=false
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev

FROM node:24-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    GLUEWORK_DATA_DIR=/data
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json app.yml ./
COPY bin ./bin
COPY migrations ./migrations
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/ping').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# WebAssembly (the embedded store's PostgreSQL) stays on V8's baseline compiler: on Node 24 its
# optimizing compiler took the embedded server from about 300 MB to nearly 800 MB within a second
# of its first queries; as `npm start` runs it.
CMD ["node", "--liftoff-only", "dist/main.js"]
