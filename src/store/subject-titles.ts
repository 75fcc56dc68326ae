import type { Credit } from "../vocabulary/credit.js";
import type { Sql } from "./db.js";

/** Remembers the titles credits carry, one per subject; the title seen last wins. */
export const saveTitlesQuery = (tx: Sql, credits: readonly Credit[]) => {
  const titles = new Map<string, { installation_id: number; subject_key: string; title: string }>();
  for (const credit of credits) {
    if (!credit.subjectTitle) continue;
    titles.set(`${credit.installationId}:${credit.subjectKey}`, {
      installation_id: credit.installationId,
      subject_key: credit.subjectKey,
      title: credit.subjectTitle,
    });
  }
  if (titles.size === 0) return null;
  const rows = [...titles.values()].sort(
    (a, b) => a.installation_id - b.installation_id || (a.subject_key < b.subject_key ? -1 : 1),
  );
  return tx`
    insert into subject_titles (installation_id, subject_key, title)
    select * from jsonb_to_recordset(${tx.json(rows)}) as t(installation_id bigint, subject_key text, title text)
    on conflict (installation_id, subject_key) do update set title = excluded.title
    where subject_titles.title <> excluded.title
  `;
};
