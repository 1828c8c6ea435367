/** Opaque page cursor: base64url of {s: scan id, o: offset}. */
export interface ScanCursor {
  s: string;
  o: number;
}

export function encodeCursor(c: ScanCursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

/** Decode a cursor; null when it is not one of ours. */
export function decodeCursor(text: string): ScanCursor | null {
  try {
    const c = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as ScanCursor;
    return typeof c?.s === 'string' && Number.isInteger(c.o) && c.o >= 0 ? c : null;
  } catch {
    return null;
  }
}
