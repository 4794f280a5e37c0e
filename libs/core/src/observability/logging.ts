import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import { AppConfig } from '../config/app-config';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Paths that carry a secret (calendar feed tokens, reset links) are logged without it. */
export function redactUrl(url: string | undefined): string | undefined {
  return url
    ?.replace(/\/(calendar|reset-password)\/[^/?#]+/g, '/$1/[redacted]')
    .replace(/([?&](token|access_token)=)[^&#]+/gi, '$1[redacted]');
}

/** One JSON line per request: id, method, path, status, GraphQL operation, duration. */
export function loggingParams(config: AppConfig): Params {
  return {
    pinoHttp: {
      level: config.logLevel,
      genReqId: (req: IncomingMessage, res: ServerResponse) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      // Only what is needed: no headers, so no token or cookie is ever written.
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          url: redactUrl(req.url),
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      customProps: (req: IncomingMessage) => {
        const operation = (req as IncomingMessage & { operationName?: string }).operationName;
        return operation ? { operation } : {};
      },
      redact: {
        paths: ['*.password', '*.accessToken', '*.refreshToken', '*.token', 'err.config'],
        censor: '[redacted]',
      },
      autoLogging: {
        ignore: (req: IncomingMessage) => req.url === '/health' || req.url === '/metrics',
      },
    },
  };
}
