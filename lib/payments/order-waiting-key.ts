/** The waitingFor key of the emails an order's payment releases: "order:<id>". */
export function orderWaitingKey(orderId: string): string {
  return `order:${orderId}`;
}
