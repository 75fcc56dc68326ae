import {
  type DefinitionNode,
  type GraphQLNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isUnionType,
  Kind,
  parse,
} from "graphql";
import { describe, expect, it } from "vitest";
import { gitHubSchema, publishedGitHubSchema } from "../helpers/github-schema.js";
import { GITHUB_SCHEMA_EXTENSION } from "../helpers/github-schema-extension.js";

/** What a definition of the extension would add to the published schema that is already there. */
const redefined = (definition: DefinitionNode): string[] => {
  const schema = publishedGitHubSchema();
  if (!("name" in definition) || !definition.name) return [`unnamed ${definition.kind}`];
  const name = definition.name.value;
  const existing = schema.getType(name);
  switch (definition.kind) {
    case Kind.OBJECT_TYPE_DEFINITION:
    case Kind.ENUM_TYPE_DEFINITION:
    case Kind.UNION_TYPE_DEFINITION:
    case Kind.INPUT_OBJECT_TYPE_DEFINITION:
      return existing ? [name] : [];
    case Kind.OBJECT_TYPE_EXTENSION: {
      if (!existing || !isObjectType(existing)) return [`${name} (not an object type)`];
      const fields = existing.getFields();
      return (definition.fields ?? [])
        .filter((f) => f.name.value in fields)
        .map((f) => `${name}.${f.name.value}`);
    }
    case Kind.UNION_TYPE_EXTENSION: {
      if (!existing || !isUnionType(existing)) return [`${name} (not a union)`];
      const members = new Set(existing.getTypes().map((type) => type.name));
      return (definition.types ?? [])
        .filter((t) => members.has(t.name.value))
        .map((t) => `${name}: ${t.name.value}`);
    }
    case Kind.ENUM_TYPE_EXTENSION: {
      if (!existing || !isEnumType(existing)) return [`${name} (not an enum)`];
      return (definition.values ?? [])
        .filter((v) => existing.getValue(v.name.value) !== undefined)
        .map((v) => `${name}.${v.name.value}`);
    }
    default:
      return [`${name}: ${definition.kind} is not something the extension should hold`];
  }
};

/** A type as SDL-like text: its fields with their argument and result types, members or values. */
const shape = (type: GraphQLNamedType): string[] => {
  if (isObjectType(type) || isInterfaceType(type))
    return Object.values(type.getFields()).map(
      (field) =>
        `${field.name}(${field.args.map((arg) => `${arg.name}: ${arg.type}`).join(", ")}): ${field.type}`,
    );
  if (isInputObjectType(type))
    return Object.values(type.getFields()).map((field) => `${field.name}: ${field.type}`);
  if (isUnionType(type)) return type.getTypes().map((member) => member.name);
  if (isEnumType(type)) return type.getValues().map((value) => value.name);
  return [type.name];
};

describe("the extension of GitHub's published GraphQL schema", () => {
  it("only adds types, fields, union members and enum values the package does not have", () => {
    const definitions = parse(GITHUB_SCHEMA_EXTENSION).definitions;
    expect(definitions.length).toBeGreaterThan(0);
    expect(definitions.flatMap(redefined)).toEqual([]);
  });

  it("keeps every type of the package exactly as the package declares it", () => {
    const published = publishedGitHubSchema().getTypeMap();
    const extended = gitHubSchema();
    const changed = Object.values(published)
      .filter((type) => !type.name.startsWith("__"))
      .filter((type) => {
        const now = extended.getType(type.name);
        if (!now) return true;
        const before = shape(type);
        // Extended unions and enums keep all they had, in order, and only gain.
        return JSON.stringify(shape(now).slice(0, before.length)) !== JSON.stringify(before);
      })
      .map((type) => type.name);
    expect(changed).toEqual([]);
  });

  it("finds a redefinition (the check can fail)", () => {
    const redefining = parse(`
      type LabeledEvent implements Node { id: ID! }
      extend type Issue { closedAt: DateTime }
      extend enum IssueTimelineItemsItemType { LABELED_EVENT }
      extend union IssueTimelineItems = LabeledEvent
    `).definitions;
    expect(redefining.flatMap(redefined)).toEqual([
      "LabeledEvent",
      "Issue.closedAt",
      "IssueTimelineItemsItemType.LABELED_EVENT",
      "IssueTimelineItems: LabeledEvent",
    ]);
  });

  it("gives the importer's timeline items to issues", () => {
    const items = gitHubSchema().getType("IssueTimelineItemsItemType");
    expect(isEnumType(items) && items.getValue("BLOCKED_BY_ADDED_EVENT")).toBeTruthy();
    const union = gitHubSchema().getType("IssueTimelineItems");
    expect(isUnionType(union) && union.getTypes().map((t) => t.name)).toEqual(
      expect.arrayContaining(["BlockedByAddedEvent", "IssueTypeAddedEvent", "SubIssueAddedEvent"]),
    );
  });
});
