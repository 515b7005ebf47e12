/**
 * The entry a URL's code names in a page's own table of messages, or undefined. Only the table's
 * own keys count: a plain object also answers to inherited names (`__proto__`, `constructor`),
 * and rendering one of those throws, so `?notice=__proto__` would be a 500 instead of no notice.
 */
export function ownValue<Value>(table: Readonly<Record<string, Value>>, key: string | undefined): Value | undefined {
  return key !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;
}
