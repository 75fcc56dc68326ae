-- A person is their GitHub user id, not their login: logins can be changed and then taken by
-- someone else. An opt-out names the account by id; rows written before ids were kept have none
-- and keep matching by login (the credits of whoever opted out were deleted then, so such a row
-- can only keep the login's current holder out of reports, never expose or delete anyone).
alter table opt_outs add column if not exists actor_id bigint;
-- The same login can now belong to two opted-out accounts (one gave it up, the other took it).
alter table opt_outs drop constraint if exists opt_outs_pkey;
create unique index if not exists opt_outs_by_id on opt_outs (installation_id, actor_id) where actor_id is not null;
create unique index if not exists opt_outs_by_login on opt_outs (installation_id, login) where actor_id is null;

-- Commands remember who sent them by id too.
alter table commands add column if not exists actor_id bigint;

-- A person's credits (a portfolio, an opt-out) are found by their id.
create index if not exists credits_by_actor_id on credits (installation_id, actor_id, occurred_at);

-- A repository's credits are found by its id: a name can be given up and taken by another repository.
create index if not exists credits_by_repo_id on credits (installation_id, repo_id);
