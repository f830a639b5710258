/** Orders (usage records), one page at a time. */

export interface OrderRow {
  llmid: string;
  name: string;
  model: string;
  useDate: string;
  useTime: string;
  usage: Record<string, unknown> | null;
  amount: number | null;
  userid: string;
  status: string;
  accountingStatus: string;
}

export interface OrdersPage {
  total: number;
  page: number;
  pageSize: number;
  rows: OrderRow[];
}
