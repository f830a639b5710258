/** The simulator's data: organisations, users, keys, models, usage records (tasks = orders), SMS keys. */

export type CatalogId = 't2v' | 'i2v' | 'r2v';

export interface Org {
  id: string;
  name: string;
  balance: number;
}

export interface UserRec {
  id: string;
  username: string;
  orgid: string;
  /** undefined = field absent (fresh registrations), null = present but empty. */
  nick_name?: string | null;
  mobile: string | null;
  email: string | null;
  address: string | null;
  user_status: string;
  created_at: string;
  last_login: string | null;
  login_fail_count: number;
  last_login_fail: string | null;
  sync_from: string | null;
  password: string;
  /** Registered through §3.2 c: the smaller record with `cfm_password`. */
  fresh: boolean;
  /** May use §3.15 whatever `pricingAccess` says. */
  admin: boolean;
}

export interface AppRec {
  id: string;
  name: string;
  description: string;
  allowedips: string;
  orgid: string;
  created_at: string;
}

export interface KeyRec {
  id: string;
  appid: string;
  userid: string;
  apikey: string;
  secretkey: string;
  enabled_date: string;
  expired_date: string;
}

export type InputField = Record<string, unknown>;

export interface CatalogEntry {
  catelogid: CatalogId;
  ppid: string;
  inputFields: InputField[];
}

export interface ModelRec {
  id: string;
  name: string;
  model: string;
  description: string;
  iconid: string;
  upappid: string;
  providerid: string;
  ownerid: string;
  enabled_date: string;
  expired_date: string;
  min_balance: number;
  status: string;
  max_cost: number;
  /** First entry = the model's default catalog. */
  catalogs: CatalogEntry[];
}

export interface Usage {
  duration: number;
  SR: number;
}

export interface TaskState {
  taskid?: string;
  status: string;
  error?: string;
  video?: string;
  usage?: Usage;
  type?: string;
}

export interface UsageRec {
  id: string;
  llmid: string;
  llmcatelogid: CatalogId;
  name: string;
  model: string;
  taskid: string;
  status: string;
  use_date: string;
  use_time: string;
  userid: string;
  userorgid: string;
  ownerid: string;
  transno: string;
  responsed_seconds: number | null;
  finish_seconds: number | null;
  usage: Usage | null;
  amount: number | null;
  cost: number | null;
  accounting_status: 'created' | 'accounted' | 'failed';
  input: Record<string, unknown> | null;
  outputs: TaskState[];
  /** Epoch ms of the submission (for timers; not on the wire). */
  submittedAt: number;
  /** Moved out of the live table by the daily archive (§10.2): §3.13/§3.14 no longer see it. */
  archived?: boolean;
  /** The `billingFailed` outcome: the billing job marks it failed instead of charging. */
  billingWillFail?: boolean;
}

export interface SmsKey {
  key: string;
  phone: string;
  code: string;
  issuedAt: number;
}

export class SimState {
  readonly orgs = new Map<string, Org>();
  readonly users = new Map<string, UserRec>();
  readonly apps = new Map<string, AppRec>();
  readonly keys: KeyRec[] = [];
  readonly models: ModelRec[] = [];
  /** Per organisation, newest first (use_time descending). */
  private readonly records = new Map<string, UsageRec[]>();
  private readonly byTaskId = new Map<string, UsageRec>();
  readonly sms = new Map<string, SmsKey>();
  private readonly latestSms = new Map<string, string>();

  addOrg(org: Org): Org {
    this.orgs.set(org.id, org);
    return org;
  }

  org(id: string): Org {
    const org = this.orgs.get(id);
    if (!org) throw new Error(`no organisation ${id}`);
    return org;
  }

  addUser(user: UserRec): UserRec {
    this.users.set(user.id, user);
    return user;
  }

  usersByMobile(phone: string): UserRec[] {
    return [...this.users.values()].filter((u) => u.mobile === phone);
  }

  userByUsername(username: string): UserRec | undefined {
    return [...this.users.values()].find((u) => u.username === username);
  }

  /** The account a control action means by a phone number: the one named like the number, else the first. */
  primaryUser(phone: string): UserRec {
    const users = this.usersByMobile(phone);
    const user = users.find((u) => u.username === phone) ?? users[0];
    if (!user) throw new Error(`no account with mobile ${phone}`);
    return user;
  }

  model(id: string): ModelRec | undefined {
    return this.models.find((m) => m.id === id);
  }

  ordersOf(orgid: string): UsageRec[] {
    let list = this.records.get(orgid);
    if (!list) {
      list = [];
      this.records.set(orgid, list);
    }
    return list;
  }

  /** A new submission: newest, goes first. */
  addRecord(rec: UsageRec): void {
    this.ordersOf(rec.userorgid).unshift(rec);
    this.byTaskId.set(rec.taskid, rec);
  }

  /** Bulk insert of historic rows (seed, seedOrders): merge then keep newest first. */
  addRecords(orgid: string, recs: UsageRec[]): number {
    const list = this.ordersOf(orgid);
    for (const r of recs) {
      list.push(r);
      this.byTaskId.set(r.taskid, r);
    }
    list.sort((a, b) => b.submittedAt - a.submittedAt);
    return list.length;
  }

  task(taskid: string): UsageRec | undefined {
    return this.byTaskId.get(taskid);
  }

  allTasks(): UsageRec[] {
    return [...this.byTaskId.values()];
  }

  addSms(entry: SmsKey): void {
    this.sms.set(entry.key, entry);
    this.latestSms.set(entry.phone, entry.key);
  }

  latestSmsFor(phone: string): SmsKey | undefined {
    const key = this.latestSms.get(phone);
    return key === undefined ? undefined : this.sms.get(key);
  }
}
