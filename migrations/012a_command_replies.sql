-- Replies to `/gluework` commands are bounded: how many commands one person sent lately is read
-- per person, and a reply notes its attempt, so a retried reply looks only at comments made since
-- then for the one it may already have posted.
alter table commands add column reply_attempted_at timestamptz;

create index commands_by_person on commands (installation_id, login, received_at);
