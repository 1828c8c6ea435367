/**
 * DNS-rebinding protection for /mcp (MCP transport spec, "Security Warning"): the Host must name this
 * service (PUBLIC_BASE_URL's host, a CORS origin's host, or loopback) and a browser Origin, when sent,
 * must be PUBLIC_BASE_URL, a CORS origin or a loopback origin. Clients that send no Origin (SDKs,
 * desktop apps) pass the Origin check.
 */
import type { AppConfig } from '../../config/app-config';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

const hostnameOf = (hostHeader: string): string => {
  const h = hostHeader.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1);
  return h.replace(/:\d+$/, '');
};

function urlParts(u: string): { origin: string; hostname: string } | undefined {
  try {
    const url = new URL(u);
    return { origin: url.origin.toLowerCase(), hostname: url.hostname.toLowerCase() };
  } catch {
    return undefined;
  }
}

export interface OriginPolicy {
  check(host: string | undefined, origin: string | undefined): string | undefined;
}

/** Returns a reason string when the request must be refused, undefined when it may pass. */
export function originPolicy(config: Pick<AppConfig, 'publicBaseUrl' | 'corsOrigins'>): OriginPolicy {
  const known = [config.publicBaseUrl, ...config.corsOrigins].map(urlParts).filter((p): p is { origin: string; hostname: string } => !!p);
  const hosts = new Set([...LOOPBACK, ...known.map((k) => k.hostname)]);
  const origins = new Set(known.map((k) => k.origin));
  return {
    check(host, origin) {
      if (!host || !hosts.has(hostnameOf(host))) return `Host ${JSON.stringify(String(host ?? '').slice(0, 100))} is not this service`;
      if (origin === undefined) return undefined;
      const o = urlParts(origin);
      if (o && (origins.has(o.origin) || LOOPBACK.has(o.hostname))) return undefined;
      return `Origin ${JSON.stringify(origin.slice(0, 100))} is not allowed (PUBLIC_BASE_URL, CORS_ORIGINS or loopback)`;
    },
  };
}
