/**
 * The configuration docs/openapi.json is generated with (`npm run openapi`) and checked against
 * (test/acceptance/openapi-contract.e2e-spec.ts): fixed, so the document is byte-stable. Auth on
 * (the deployed shape: document-wide bearer security), a placeholder public URL.
 */
export const CONTRACT_ENV: Record<string, string> = {
  PUBLIC_BASE_URL: 'https://trading-coach.example.com',
  BACKEND_API_KEY: 'contract-placeholder-key',
  CORS_ORIGINS: 'https://trading-coach.example.com',
};

export const CONTRACT_FILE = 'docs/openapi.json';

/** The committed text of a document: keys already sorted by buildOpenApiDocument, 2-space indent, final newline. */
export const contractText = (doc: unknown): string => JSON.stringify(doc, null, 2) + '\n';

/** JSON pointers where two documents differ (first `max`), for a readable failure. */
export function contractDiff(a: unknown, b: unknown, at = '', out: string[] = [], max = 25): string[] {
  if (out.length >= max) return out;
  if (a === b) return out;
  // free-form: any JSON node of two OpenAPI documents being compared
  const isObj = (x: unknown): x is Record<string, unknown> => !!x && typeof x === 'object';
  if (!isObj(a) || !isObj(b) || Array.isArray(a) !== Array.isArray(b)) {
    out.push(`${at || '/'}: committed ${JSON.stringify(a)?.slice(0, 80)} ≠ served ${JSON.stringify(b)?.slice(0, 80)}`);
    return out;
  }
  for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
    const p = `${at}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (!(k in a)) out.push(`${p}: added (not in the committed file)`);
    else if (!(k in b)) out.push(`${p}: removed (still in the committed file)`);
    else contractDiff(a[k], b[k], p, out, max);
    if (out.length >= max) break;
  }
  return out;
}
