import { nodeId, type Person, user } from "./accounts.js";
import { type Repo, repoApiUrl, repoWebUrl } from "./repository.js";

export type ReleaseSnapshot = {
  repo: Repo;
  id: number;
  tag: string;
  name: string | null;
  body: string;
  author: Person;
  draft: boolean;
  createdAt: string;
  publishedAt: string | null;
};

export const release = (r: ReleaseSnapshot) => {
  const api = `${repoApiUrl(r.repo)}/releases/${r.id}`;
  return {
    url: api,
    assets_url: `${api}/assets`,
    upload_url: `https://uploads.github.com/repos/${r.repo.owner.login}/${r.repo.name}/releases/${r.id}/assets{?name,label}`,
    html_url: `${repoWebUrl(r.repo)}/releases/tag/${r.tag}`,
    id: r.id,
    node_id: nodeId("Release", r.id),
    tag_name: r.tag,
    target_commitish: r.repo.defaultBranch,
    name: r.name,
    draft: r.draft,
    author: user(r.author),
    prerelease: false,
    created_at: r.createdAt,
    published_at: r.publishedAt,
    updated_at: r.publishedAt ?? r.createdAt,
    immutable: false,
    assets: [],
    tarball_url: `${repoApiUrl(r.repo)}/tarball/${r.tag}`,
    zipball_url: `${repoApiUrl(r.repo)}/zipball/${r.tag}`,
    body: r.body,
  };
};
