let count = 0;

/** An IP address no other call in this test file uses, so per-network limits (tested on their own) stay out of the way. */
export function anotherIp(): string {
  count += 1;
  return `10.${(count >> 16) & 255}.${(count >> 8) & 255}.${count & 255}`;
}
