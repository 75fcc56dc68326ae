-- Issues recorded as blocked by another issue (`issue_dependencies` webhooks): closing the
-- blocking issue while others' blocked issues are open is unblocking. A removed record is deleted.
create table issue_dependencies (
  installation_id bigint not null,
  blocking_repo_id bigint not null,
  blocking_number integer not null,
  -- `owner/name#12`, as credits name the blocked issue.
  blocked_key text not null,
  blocked_url text not null,
  blocked_author_login text not null,
  blocked_author_id bigint,
  blocked_open boolean not null,
  recorded_at timestamptz not null default now(),
  primary key (installation_id, blocking_repo_id, blocking_number, blocked_key)
);

create index issue_dependencies_by_blocked on issue_dependencies (installation_id, blocked_key);
