/**
 * One page of a GitHub REST list as GitHub answers it: `per_page` (30 unless asked, 1 to 100),
 * `page` (from 1), and a `Link` header naming the next, last, first and previous pages where there
 * are such. The GitHub double pages every list this way.
 */
export const listPage = <T>(items: readonly T[], url: URL): { items: T[]; link: string | null } => {
  const perPage = Math.min(Math.max(Number(url.searchParams.get("per_page") ?? 30) || 30, 1), 100);
  const current = Math.max(Number(url.searchParams.get("page") ?? 1) || 1, 1);
  const last = Math.max(Math.ceil(items.length / perPage), 1);
  const linkTo = (n: number) => {
    const target = new URL(url);
    target.searchParams.set("page", String(n));
    return target.toString();
  };
  const links = [
    ...(current < last ? [`<${linkTo(current + 1)}>; rel="next"`, `<${linkTo(last)}>; rel="last"`] : []),
    ...(current > 1 ? [`<${linkTo(1)}>; rel="first"`, `<${linkTo(current - 1)}>; rel="prev"`] : []),
  ];
  return {
    items: items.slice((current - 1) * perPage, current * perPage),
    link: links.length > 0 ? links.join(", ") : null,
  };
};
