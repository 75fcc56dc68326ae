-- The title of each item credits are about (a pull request, issue, discussion, release or commit),
-- kept once per subject so evidence reads "reviewed #41 *Speed up the report query*". The newest
-- title seen wins.
create table subject_titles (
  installation_id bigint not null,
  subject_key text not null,
  title text not null,
  primary key (installation_id, subject_key)
);

-- How GitHub related the credited person to the repository, when the activity shows it (OWNER,
-- MEMBER, COLLABORATOR, CONTRIBUTOR, FIRST_TIME_CONTRIBUTOR, NONE, …): the monthly report suggests
-- rotating glue work only to team members.
alter table credits add column actor_association text;
