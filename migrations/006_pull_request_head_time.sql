-- When the stored head was current: a late redelivery of an older event must not move the
-- check run back to an older commit.
alter table pull_requests add column head_at timestamptz;
