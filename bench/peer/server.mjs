// The Neo4j GraphQL Library on Apollo Server's standalone server, for bench/peer.py.
//
//   node server.mjs TYPEDEFS_FILE PORT
//
// Reads the type definitions bench/peer_typedefs.py generated from graphsvc's model, and the
// Neo4j connection from NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD (and NEO4J_DATABASE); serves
// on 127.0.0.1 only. Prints "ready <url>" once it listens.
import { readFileSync } from "node:fs";
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { Neo4jGraphQL } from "@neo4j/graphql";
import neo4j from "neo4j-driver";

const [typeDefsFile, port] = process.argv.slice(2);
const driver = neo4j.driver(
  process.env.NEO4J_URI,
  neo4j.auth.basic(process.env.NEO4J_USERNAME, process.env.NEO4J_PASSWORD),
);
const database = process.env.NEO4J_DATABASE || undefined;
const typeDefs = readFileSync(typeDefsFile, "utf8");
const schema = await new Neo4jGraphQL({ typeDefs, driver }).getSchema();
const server = new ApolloServer({ schema });
const { url } = await startStandaloneServer(server, {
  listen: { host: "127.0.0.1", port: Number(port) },
  context: async () => (database ? { cypherQueryOptions: {}, sessionConfig: { database } } : {}),
});
console.log(`ready ${url}`);

for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, async () => {
    await server.stop();
    await driver.close();
    process.exit(0);
  });
}
