// GraphQL over HTTP is JSON in UTF-8: a POST that declares another charset is answered 415, not decoded into
// something that then fails as malformed JSON (body-parser accepts any `utf-*` charset).
import type express from 'express';

const CHARSET = /;\s*charset\s*=\s*"?([^";\s]*)"?/i;

export const requireUtf8Json: express.RequestHandler = (req, res, next) => {
  const charset = CHARSET.exec(req.headers['content-type'] ?? '')?.[1];
  if (charset === undefined || /^utf-8$/i.test(charset)) return next();
  res.status(415).json({
    errors: [
      {
        message: `The request body must be JSON in UTF-8 (unsupported charset "${charset}").`,
        extensions: { code: 'UNSUPPORTED_MEDIA_TYPE' },
      },
    ],
  });
};
