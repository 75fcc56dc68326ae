import { schema as published } from "@octokit/graphql-schema";
import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery, parse, validate } from "graphql";

let built: GraphQLSchema | null = null;

/**
 * GitHub's published GraphQL schema (@octokit/graphql-schema), built once per test file from
 * its introspection JSON, as the package's own `validate` does.
 */
export const gitHubSchema = (): GraphQLSchema => {
  built ??= buildClientSchema(published.json as unknown as IntrospectionQuery);
  return built;
};

/** What GitHub's schema says is wrong with a document (empty when it is valid). */
export const schemaProblems = (document: string): string[] =>
  validate(gitHubSchema(), parse(document)).map((error) => error.message);
