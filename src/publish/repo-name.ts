/** `owner/name` → the `{ owner, repo }` pair Octokit's REST routes take. */
export const ownerAndName = (fullName: string): { owner: string; repo: string } => {
  const [owner = "", repo = ""] = fullName.split("/");
  return { owner, repo };
};
