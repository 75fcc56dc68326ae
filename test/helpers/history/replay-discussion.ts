import type { Association } from "../../../src/demo/shapes/accounts.js";
import type { DiscussionSnapshot } from "../../../src/demo/shapes/discussion.js";
import { historyTitle } from "./graphql-data.js";
import { replayPerson, replayRepo } from "./replay-shapes.js";
import type { History, HistoryDiscussion } from "./synthetic-history.js";

/** The answerable category every synthetic discussion is in. */
const QUESTIONS = {
  id: 6_100_000,
  name: "Q&A",
  emoji: ":pray:",
  slug: "q-a",
  description: "Ask the community for help",
  answerable: true,
};

/** A discussion of the history at `at`: its replies so far, and its answer once chosen. */
export const discussionSnapshot = (
  history: History,
  discussion: HistoryDiscussion,
  at: string,
): DiscussionSnapshot => {
  const chosen = discussion.answer && discussion.answer.chosenAt <= at ? discussion.answer : null;
  return {
    repo: replayRepo(history),
    id: 300_000 + discussion.number,
    number: discussion.number,
    title: historyTitle("discussions", discussion.number),
    body: "How do others go about this?",
    author: replayPerson(discussion.author),
    association: discussion.association as Association,
    category: QUESTIONS,
    comments: discussion.comments.flatMap((c) => [c, ...c.replies]).filter((c) => c.createdAt <= at).length,
    createdAt: discussion.createdAt,
    updatedAt: at,
    answer: chosen
      ? { commentId: chosen.commentId, chosenAt: chosen.chosenAt, chosenBy: replayPerson(discussion.author) }
      : null,
  };
};
