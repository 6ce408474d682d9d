import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError, problem, sendProblem } from './problem';
import type { Logger } from '../observability/logger';

/**
 * A small path router shared by all services in one process: each service mounts its routes,
 * and one HTTP server serves them with /metrics, /healthz and /readyz.
 * Patterns: `/api31/dashboard/:ars.json` style segments; `:name` matches one segment
 * (a suffix after the parameter, like `.json`, must match literally); `*` at the end matches the rest.
 */
export type RouteParams = Record<string, string>;
export type RouteHandler = (req: IncomingMessage, res: ServerResponse, params: RouteParams, url: URL) => Promise<void> | void;

interface Route {
  method: string;
  pattern: string;
  matcher: RegExp;
  names: string[];
  handler: RouteHandler;
}

function compile(pattern: string): { matcher: RegExp; names: string[] } {
  const names: string[] = [];
  const parts = pattern.split('/').map((segment) => {
    if (segment === '*') {
      names.push('rest');
      return '(.*)';
    }
    return segment.replace(/:([A-Za-z_][A-Za-z0-9_]*)|([.+?^${}()|[\]\\])/g, (_m, name: string | undefined, special: string | undefined) => {
      if (name) {
        names.push(name);
        return '([^/]+?)';
      }
      return '\\' + special;
    });
  });
  return { matcher: new RegExp('^' + parts.join('/') + '$'), names };
}

export class Router {
  private readonly routes: Route[] = [];

  add(method: string, pattern: string, handler: RouteHandler): this {
    const { matcher, names } = compile(pattern);
    this.routes.push({ method: method.toUpperCase(), pattern, matcher, names, handler });
    return this;
  }

  get(pattern: string, handler: RouteHandler): this {
    return this.add('GET', pattern, handler);
  }

  post(pattern: string, handler: RouteHandler): this {
    return this.add('POST', pattern, handler);
  }

  delete(pattern: string, handler: RouteHandler): this {
    return this.add('DELETE', pattern, handler);
  }

  put(pattern: string, handler: RouteHandler): this {
    return this.add('PUT', pattern, handler);
  }

  /** Returns false when no route matched the path (so the caller can answer 404). */
  async handle(req: IncomingMessage, res: ServerResponse, logger?: Logger): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let pathMatched = false;
    for (const route of this.routes) {
      const m = route.matcher.exec(url.pathname);
      if (!m) continue;
      pathMatched = true;
      const method = req.method === 'HEAD' ? 'GET' : req.method;
      if (route.method !== method) continue;
      const params: RouteParams = {};
      route.names.forEach((name, i) => {
        params[name] = decodeURIComponent(m[i + 1] ?? '');
      });
      try {
        await route.handler(req, res, params, url);
      } catch (err) {
        if (err instanceof HttpError) {
          if (!res.headersSent) sendProblem(res, err.problem, err.headers);
          else res.end();
        } else {
          logger?.error('request failed', { path: url.pathname, err });
          if (!res.headersSent) sendProblem(res, problem(500, 'internal', 'Internal error', 'The request could not be completed; it has been logged.'));
          else res.end();
        }
      }
      return true;
    }
    if (pathMatched) {
      sendProblem(res, problem(405, 'method-not-allowed', 'Method not allowed', `${req.method} is not supported on ${url.pathname}.`));
      return true;
    }
    return false;
  }
}
