/**
 * Serves the web console (web/dist, built by bin/build-web.ts) at `/`: hashed assets with long caching and gzip,
 * and index.html for every other page path (the console's router takes it from there). API paths never fall back
 * to the page: an unknown /api path stays a JSON 404.
 *
 * The console gets its own Content-Security-Policy, strict: scripts only from this origin (Vite emits no inline
 * script), no eval, no plugins, no framing. The OpenID Connect provider's origin is allowed for connections and
 * form posts only when sign-in goes through it.
 */
import compression from 'compression';
import express, { type Request, type RequestHandler, type Response, Router } from 'express';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../runtime/config';

/** CONSOLE_DIST overrides where the built console is (a developer's own build beside the shared one). */
export const CONSOLE_DIST = process.env.CONSOLE_DIST ? path.resolve(process.env.CONSOLE_DIST) : path.join(REPO_ROOT, 'web', 'dist');

/** Paths that belong to the API or the operators, never to the console's router. */
const NOT_CONSOLE = /^\/(api|openapi\.json|health|metrics)(\/|$)/;

export function consoleCsp(oidcAuthority?: string): string {
  const provider = oidcAuthority ? ` ${new URL(oidcAuthority).origin}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    // React and bpmn-js set element styles through the CSSOM (allowed); bpmn-js also writes style attributes on
    // SVG nodes, which CSP counts as inline style attributes — allowed for attributes only, never <style> blocks.
    "style-src 'self'",
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src 'self'${provider}`,
    `form-action 'self'${provider}`,
    `frame-src${provider || " 'none'"}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export interface ConsoleOptions {
  /** Where the built console is (default web/dist). */
  dist?: string;
  /** The OpenID Connect issuer the console signs in with, if any. */
  oidcAuthority?: string;
}

export function consoleRoutes(opts: ConsoleOptions = {}): Router {
  const dist = opts.dist ?? CONSOLE_DIST;
  const csp = consoleCsp(opts.oidcAuthority);
  const r = Router();
  const setCsp: RequestHandler = (_req, res, next) => {
    res.setHeader('Content-Security-Policy', csp);
    next();
  };
  // API and operator paths pass straight through: they keep the API's own headers and no page answers them.
  r.use((req, _res, next) => (NOT_CONSOLE.test(req.path) ? next('router') : next()));
  r.use(compression());
  r.use(
    '/assets',
    setCsp,
    express.static(path.join(dist, 'assets'), {
      immutable: true,
      maxAge: '365d',
      index: false,
      setHeaders: (res) => res.setHeader('Cache-Control', 'public, max-age=31536000, immutable'),
    }),
  );
  // A missing hashed asset (an old page asking for a chunk of an earlier build) is a 404, never the page.
  r.use('/assets', (req, res) => {
    res.status(404).json({ error: { code: 'not_found', message: `Berkas ${req.originalUrl} tidak ada.`, details: {} } });
  });
  r.use(setCsp, express.static(dist, { index: false, setHeaders: (res) => res.setHeader('Cache-Control', 'no-cache') }));
  const page = (req: Request, res: Response, next: () => void) => {
    if (NOT_CONSOLE.test(req.path)) return next();
    const index = path.join(dist, 'index.html');
    if (!fs.existsSync(index)) {
      res
        .status(503)
        .set('Retry-After', '30')
        .type('text/plain; charset=utf-8')
        .send('Konsol belum dibangun. Jalankan `npm run build:web` (perintah mulai di README membangunnya otomatis).');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.type('html').sendFile(index);
  };
  r.get(/.*/, setCsp, page);
  return r;
}
