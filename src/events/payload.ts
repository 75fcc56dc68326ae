import { z } from "zod";

/**
 * The subset of GitHub's webhook payloads Gluework reads, checked at the boundary. Anything
 * else in a payload is ignored; anything missing here makes the event skip, never crash.
 */

export const userSchema = z.object({
  login: z.string().min(1),
  id: z.number().int(),
  type: z.string().optional(),
});
export type PayloadUser = z.output<typeof userSchema>;

export const labelSchema = z.object({ name: z.string() });

export const repositorySchema = z.object({
  id: z.number().int(),
  name: z.string().min(1),
  full_name: z.string().min(3),
  private: z.boolean(),
  default_branch: z.string().optional(),
  owner: z.object({ login: z.string().min(1) }),
  html_url: z.string().optional(),
});

export const installationSchema = z.object({ id: z.number().int() });

export const milestoneSchema = z.object({
  id: z.number().int(),
  number: z.number().int(),
  title: z.string(),
  html_url: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
  closed_at: z.string().nullish(),
});

const timestamp = z.string().min(1);

export const pullRequestSchema = z.object({
  id: z.number().int(),
  number: z.number().int(),
  html_url: z.string(),
  user: userSchema,
  author_association: z.string(),
  labels: z.array(labelSchema).default([]),
  created_at: timestamp,
  updated_at: timestamp,
  closed_at: z.string().nullish(),
  merged_at: z.string().nullish(),
  merged: z.boolean().nullish(),
  draft: z.boolean().nullish(),
  state: z.string(),
  head: z.object({ sha: z.string(), ref: z.string().optional() }),
  base: z.object({ ref: z.string().optional() }).optional(),
  merge_commit_sha: z.string().nullish(),
});

export const issueSchema = z.object({
  id: z.number().int(),
  number: z.number().int(),
  html_url: z.string(),
  user: userSchema,
  author_association: z.string(),
  labels: z.array(labelSchema).nullish(),
  created_at: timestamp,
  updated_at: timestamp,
  closed_at: z.string().nullish(),
  state: z.string().optional(),
  state_reason: z.string().nullish(),
  body: z.string().nullish(),
  pull_request: z.object({ url: z.string().optional() }).nullish(),
  /** Set when a GitHub App opened the issue (for a person or on its own). */
  performed_via_github_app: z.object({}).passthrough().nullish(),
});

export const commentSchema = z.object({
  id: z.number().int(),
  body: z.string().nullish(),
  html_url: z.string(),
  user: userSchema,
  author_association: z.string(),
  created_at: timestamp,
  /** Set when a GitHub App wrote the comment (for a person or on its own). */
  performed_via_github_app: z.object({}).passthrough().nullish(),
});

export const discussionSchema = z.object({
  id: z.number().int(),
  number: z.number().int(),
  html_url: z.string(),
  user: userSchema,
  author_association: z.string(),
  created_at: timestamp,
  updated_at: timestamp,
  labels: z.array(labelSchema).nullish(),
});

export const commitSchema = z.object({
  id: z.string().min(7),
  message: z.string(),
  timestamp: timestamp,
  url: z.string(),
  distinct: z.boolean().optional(),
  author: z.object({
    name: z.string().optional(),
    email: z.string().nullish(),
    username: z.string().optional(),
  }),
  added: z.array(z.string()).default([]),
  removed: z.array(z.string()).default([]),
  modified: z.array(z.string()).default([]),
});

export const releaseSchema = z.object({
  id: z.number().int(),
  tag_name: z.string(),
  html_url: z.string(),
  draft: z.boolean().optional(),
  created_at: z.string().nullish(),
  published_at: z.string().nullish(),
});

/** Fields every event Gluework ingests must carry. */
export const envelopeSchema = z.object({
  installation: installationSchema,
  repository: repositorySchema,
  sender: userSchema,
});
