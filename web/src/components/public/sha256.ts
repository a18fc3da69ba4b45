/** SHA-256 of bytes in the browser (WebCrypto), as lowercase hex — the form the API publishes document hashes in. */
export async function sha256Hex(data: ArrayBuffer): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', data);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** WebCrypto exists only in a secure context (https, or localhost). */
export const canHash = () => typeof crypto !== 'undefined' && !!crypto.subtle;
