# Backprop — production image: slim Python, non-root, data in a volume, healthcheck.
FROM node:20-slim AS assets
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error \
 && mkdir -p vendor/htmx vendor/katex vendor/swagger-ui \
 && cp node_modules/htmx.org/dist/htmx.min.js vendor/htmx/ \
 && cp -r node_modules/katex/dist/katex.min.js node_modules/katex/dist/katex.min.css node_modules/katex/dist/fonts vendor/katex/ \
 && cp node_modules/swagger-ui-dist/swagger-ui-bundle.js node_modules/swagger-ui-dist/swagger-ui.css vendor/swagger-ui/

FROM python:3.12-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    BACKPROP_DATABASE_URL=sqlite:////data/backprop.db
RUN groupadd --system backprop && useradd --system --gid backprop --home /app backprop \
 && mkdir -p /data && chown backprop:backprop /data
WORKDIR /app
COPY pyproject.toml README.md ./
COPY app ./app
# Editable: the app finds migrations/, questions/, templates/ and static/ next to app/.
RUN pip install --no-cache-dir -e .
COPY migrations ./migrations
COPY questions ./questions
COPY templates ./templates
COPY static ./static
COPY --from=assets /build/vendor ./static/vendor
USER backprop
VOLUME ["/data"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s --retries=3 \
  CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2).status == 200 else 1)"
CMD ["backprop", "serve", "--host", "0.0.0.0", "--port", "8000", "--workers", "2"]
