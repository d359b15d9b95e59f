import helmet from '@fastify/helmet';
import type { FastifyHelmetOptions } from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/**
 * An API answer is data, never a page: it may load nothing, be framed nowhere, and post nowhere. A browser that is
 * tricked into rendering one (a JSON body sniffed as HTML) runs nothing.
 */
const API_POLICY = {
  useDefaults: false,
  directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] },
} as const;

/**
 * The counter page loads its one script and one style sheet from this origin and calls only this origin's API; no
 * inline script or style, no eval, no plug-ins, no framing (a framed counter could be click-jacked into lending).
 */
export const COUNTER_PAGE_SECURITY: Omit<FastifyHelmetOptions, 'global'> = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'none'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      connectSrc: ["'self'"],
      imgSrc: ["'self'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
};

/**
 * Security headers on every answer, errors and 404s included (helmet's defaults: nosniff, HSTS, no referrer,
 * same-origin opener and resources), with framing denied outright and the strict API policy unless a route names
 * its own (the counter page does).
 */
export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: API_POLICY,
    frameguard: { action: 'deny' },
    hsts: { maxAge: 31_536_000, includeSubDomains: true, preload: false },
  });
}
