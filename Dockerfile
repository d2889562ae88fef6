# okg's API (`okg serve`) in a container; docker-compose.yml runs it next to Neo4j 5.26.
#   docker compose up --build      (or: docker build -t okg . && docker run -p 8000:8000 okg okg serve --host 0.0.0.0)

# --- HanLP's portable jar (dictionaries and models inside) from Maven Central, with scripts/fetch-hanlp
FROM maven:3.9-eclipse-temurin-17 AS jars
WORKDIR /src
COPY scripts/fetch-hanlp scripts/fetch-hanlp
RUN scripts/fetch-hanlp && cp .jars/hanlp-portable-*.jar /hanlp-portable.jar

# --- the web page's JavaScript: the npm packages pinned in package.json / package-lock.json (make ui)
FROM node:20-slim AS ui
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# --- the API: Python 3.11 and a Java 17 runtime for HanLP (through JPype)
# bookworm, because Debian 13 no longer ships OpenJDK 17
FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
# (slim images lack /usr/share/man/man1, which the JRE's post-install step writes to)
RUN mkdir -p /usr/share/man/man1 \
 && apt-get update \
 && apt-get install -y --no-install-recommends openjdk-17-jre-headless \
 && rm -rf /var/lib/apt/lists/* \
 && ln -s "$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")" /opt/java
ENV JAVA_HOME=/opt/java

WORKDIR /src
COPY . .
COPY --from=ui /src/node_modules/cytoscape/dist/cytoscape.min.js api/static/vendor/
RUN pip install . \
 && rm -rf /src \
 && useradd --system --create-home --home-dir /app --shell /usr/sbin/nologin okg \
 && mkdir -p /data \
 && chown okg /data
COPY --from=jars /hanlp-portable.jar /opt/okg/hanlp-portable.jar
# the seed page, so `docker compose exec api okg load --store neo4j /app/fixtures` has something to load
COPY fixtures /app/fixtures

# Settings (okg/config.py); docker-compose.yml sets NEO4J_URI=bolt://neo4j:7687 and the credentials.
ENV OKG_HANLP_JAR=/opt/okg/hanlp-portable.jar \
    OKG_DATA_DIR=/data \
    NEO4J_URI=bolt://neo4j:7687 \
    NEO4J_USER=neo4j
WORKDIR /app
USER okg
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=5 \
  CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health', timeout=4)"]
CMD ["okg", "serve", "--store", "neo4j", "--host", "0.0.0.0", "--port", "8000"]
