# graphsvc against an external Neo4j (see docker-compose.yml); CI does not use this file.
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY graphsvc ./graphsvc
COPY seeds ./seeds
RUN pip install --no-cache-dir .
ENTRYPOINT ["graphsvc"]
EXPOSE 8000
# Loads the seeds, then serves the API on every interface of the container.
CMD ["up", "--seeds", "/app/seeds", "--host", "0.0.0.0"]
