const ID_ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/**
 * A short, URL-safe random id (12 chars ≈ 62 bits). Uses getRandomValues rather than
 * randomUUID because randomUUID is missing on plain-http origins (a self-hosted LAN install).
 */
export function newProjectId(length = 12): string {
  const bytes = new Uint8Array(length);
  crypto.getRandomValues(bytes);
  let id = '';
  for (const byte of bytes) id += ID_ALPHABET[byte % ID_ALPHABET.length];
  return id;
}
