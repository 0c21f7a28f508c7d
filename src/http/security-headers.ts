// The security headers every answer carries (docs/security.md): helmet's, with this app's Content
// Security Policy. @fastify/helmet made helmet's middleware anew and ran it on every request
// (options checked, the policy's text joined again): several percent of a small API answer's
// time for headers that never change. Here helmet runs once, at start-up, against a stand-in
// response that records what it sets; every answer then gets that list as it is.
import { createRequire } from 'node:module';

/** The Content Security Policy of the browser app (API answers get it too: it costs nothing more). */
const contentSecurityPolicy = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    baseUri: ["'self'"],
    scriptSrc: ["'self'"],
    scriptSrcAttr: ["'none'"],
    // Editors and charts set inline styles; scripts stay strictly same-origin.
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:', 'blob:'],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'", 'ws:', 'wss:'],
    objectSrc: ["'none'"],
    frameAncestors: ["'none'"],
    formAction: ["'self'"],
  },
};

type Helmet = (options: object) => (req: unknown, res: unknown, next: (err?: unknown) => void) => void;

/** Header name (lower case) → value, as helmet sets them with this app's options. */
export function securityHeaders(): Record<string, string> {
  // The helmet @fastify/helmet depends on (and so is installed with it), whatever the layout of node_modules.
  const fromPlugin = createRequire(createRequire(import.meta.url).resolve('@fastify/helmet'));
  const helmet = fromPlugin('helmet') as Helmet;
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => (headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value)),
    removeHeader: () => undefined,
    getHeader: () => undefined,
  };
  helmet({ contentSecurityPolicy })({ method: 'GET', url: '/', headers: {} }, recorder, (err) => {
    if (err) throw err;
  });
  return headers;
}
