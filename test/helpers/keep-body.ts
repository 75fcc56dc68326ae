/**
 * A nock body matcher that accepts any body and keeps it, for a test to read once the request was
 * made: `nock(API).post(path, sent.match).reply(201)`, then `sent.body`.
 */
export const keepBody = () => {
  const sent = {
    body: undefined as any,
    match: (body: unknown) => {
      sent.body = body;
      return true;
    },
  };
  return sent;
};
