import { schema as published } from "@octokit/graphql-schema";
import {
  buildClientSchema,
  extendSchema,
  type GraphQLSchema,
  type IntrospectionQuery,
  parse,
  validate,
} from "graphql";
import { GITHUB_SCHEMA_EXTENSION } from "./github-schema-extension.js";

let built: GraphQLSchema | null = null;
let extended: GraphQLSchema | null = null;

/**
 * The published GraphQL schema (@octokit/graphql-schema), built once per test file from its
 * introspection JSON, as the package's own `validate` does.
 */
export const publishedGitHubSchema = (): GraphQLSchema => {
  built ??= buildClientSchema(published.json as unknown as IntrospectionQuery);
  return built;
};

/**
 * GitHub's GraphQL schema: the published package, extended with what GitHub's public schema has
 * that the package does not carry yet (github-schema-extension.ts).
 */
export const gitHubSchema = (): GraphQLSchema => {
  extended ??= extendSchema(publishedGitHubSchema(), parse(GITHUB_SCHEMA_EXTENSION));
  return extended;
};

/** What GitHub's schema says is wrong with a document (empty when it is valid). */
export const schemaProblems = (document: string): string[] =>
  validate(gitHubSchema(), parse(document)).map((error) => error.message);
