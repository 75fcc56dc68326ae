-- The inbox is written for an installation like every other table: after an uninstall, nothing more.
create trigger activities_skip_removed before insert on activities
  for each row execute function skip_removed_installation();
