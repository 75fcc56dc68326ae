/**
 * The one path untrusted text takes into an output (logins, titles, repository names, URLs, config
 * values): Markdown and HTML punctuation is escaped, `@` never mentions anyone, a line break never
 * starts a new block, and only http(s) URLs become links. Every template (monthly report, check
 * run, credit comment, command replies, CLI Markdown, preview) goes through these functions.
 */

/** U+200B after `@`: GitHub shows the text as written but does not treat it as a mention. */
const NO_MENTION = "@\u200b";

/** Control characters and line breaks become one space: untrusted text stays on its line. */
const oneLine = (text: string): string =>
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " ");

/** Backslash-escapes Markdown punctuation (table pipes and entity `&` included); `@` never mentions. */
export const escapeMarkdown = (text: string): string =>
  oneLine(text)
    .replace(/[\\`*_{}[\]<>|~&]/g, "\\$&")
    .replaceAll("@", NO_MENTION);

/**
 * Gluework's own messages that quote untrusted text in inline code (config problems): backticks and
 * underscores stay, while pipes, brackets, HTML, entities and mentions are made inert.
 */
export const escapeMessage = (text: string): string =>
  oneLine(text)
    .replace(/[\\[\]<>|&]/g, "\\$&")
    .replaceAll("@", NO_MENTION);

/** Inline code for short untrusted text without backticks (a config field); else escaped text. */
export const codeSpan = (text: string): string =>
  text.includes("`") || text.includes("|") ? escapeMarkdown(text) : `\`${oneLine(text)}\``;

/** Text inside HTML (`<summary>`, the preview page): entities for `& < > " '`; `@` never mentions. */
export const escapeHtml = (text: string): string =>
  oneLine(text)
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;")
    .replaceAll("@", NO_MENTION);

/** An http(s) URL made safe inside `(…)` of a Markdown link or a quoted attribute; null otherwise. */
export const safeUrl = (url: string): string | null => {
  if (!/^https?:\/\/[^\s]+$/i.test(url)) return null;
  return url.replace(/[()<>"'`\\|[\]]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
};

/** `[text](url)` for an http(s) URL; any other URL is shown as escaped text, never linked. */
export const link = (text: string, url: string): string => {
  const target = safeUrl(url);
  return target === null ? escapeMarkdown(text) : `[${escapeMarkdown(text)}](${target})`;
};

/** `<a href="url">text</a>`, or the escaped text alone for a URL that is not http(s). */
export const linkHtml = (text: string, url: string): string => {
  const target = safeUrl(url);
  return target === null ? escapeHtml(text) : `<a href="${target}">${escapeHtml(text)}</a>`;
};

/** Text in italics, escaped; empty text gives an empty string. */
export const italic = (text: string): string => {
  const trimmed = oneLine(text).trim();
  return trimmed === "" ? "" : `*${escapeMarkdown(trimmed)}*`;
};

/** A repository name as inline code when it is a plain `owner/name`, else as escaped text. */
export const repoCode = (repo: string): string =>
  /^[\w.-]+\/[\w.-]+$/.test(repo) ? `\`${repo}\`` : escapeMarkdown(repo);

const GITHUB = "https://github.com";

/**
 * Where profiles live: the scheme and host of `near` (a URL from the same GitHub, such as the
 * person's evidence on a GitHub Enterprise host), else github.com.
 */
export const webOrigin = (near?: string | null): string => {
  if (!near || safeUrl(near) === null) return GITHUB;
  try {
    return new URL(near).origin;
  } catch {
    return GITHUB;
  }
};

const profileUrl = (login: string, near?: string | null): string =>
  `${webOrigin(near)}/${encodeURIComponent(login)}`;

/** `[login](https://github.com/login)`: names a person without notifying them. */
export const profileLink = (login: string, near?: string | null): string =>
  link(login, profileUrl(login, near));

/** `profileLink` for HTML such as `<summary>`. */
export const profileLinkHtml = (login: string, near?: string | null): string =>
  linkHtml(login, profileUrl(login, near));

const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;

/**
 * `@login`, which notifies: only for a reply to that person's own command (or where a config
 * setting asks for mentions). Anything that is not a plain login is escaped text instead.
 */
export const mention = (login: string): string => (LOGIN.test(login) ? `@${login}` : escapeMarkdown(login));
