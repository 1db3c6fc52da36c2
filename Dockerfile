# graphsvc against an external Neo4j (see docker-compose.yml); CI does not use this file.
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY graphsvc ./graphsvc
COPY seeds ./seeds
RUN pip install --no-cache-dir .
ENTRYPOINT ["graphsvc"]
CMD ["up", "--seeds", "/app/seeds"]
