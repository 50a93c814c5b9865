/** The field keys as configured: `HUB_FIELD_KEYS` (`kid:base64key,...`) and `HUB_FIELD_KEY_ID`. */
export interface FieldKeySettings {
  /** The key id new values are sealed under; it must be one of `keys`. */
  currentKeyId: string;
  /** `kid:base64(32 bytes)` pairs, comma-separated: the current key and any still opening old values. */
  keys: string;
}

/** AES-256 keys by id; `current` seals, every key opens (rotation: data-protection.md FP-9, FP-10). */
export interface FieldKeyring {
  current: string;
  keys: ReadonlyMap<string, Buffer>;
}

export const FIELD_KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;

/**
 * Parses the configured keys. Errors name the variable and the key id, never a key, so they can
 * be logged at start.
 */
export function parseFieldKeyring(settings: FieldKeySettings): FieldKeyring {
  const keys = new Map<string, Buffer>();
  for (const entry of settings.keys.split(',').filter(Boolean)) {
    const separator = entry.indexOf(':');
    const id = entry.slice(0, separator);
    if (separator < 1 || !FIELD_KEY_ID_PATTERN.test(id))
      throw new Error('HUB_FIELD_KEYS: each entry must be <keyId>:<base64 key>');
    const key = Buffer.from(entry.slice(separator + 1), 'base64');
    if (key.length !== 32) throw new Error(`HUB_FIELD_KEYS: key ${id} must be 32 bytes, base64`);
    if (keys.has(id)) throw new Error(`HUB_FIELD_KEYS: key ${id} is listed twice`);
    keys.set(id, key);
  }
  if (!keys.has(settings.currentKeyId))
    throw new Error('HUB_FIELD_KEY_ID must name one of the keys in HUB_FIELD_KEYS');
  return { current: settings.currentKeyId, keys };
}
