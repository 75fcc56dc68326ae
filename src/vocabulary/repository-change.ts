/** A repository as it is now, by id: its current name, and whether it is anything but public. */
export type RepositoryChange = {
  installationId: number;
  repoId: number;
  fullName: string;
  /** Private, internal, or deleted: not everyone may read it. */
  private: boolean;
};
