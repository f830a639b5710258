/**
 * A task's state in words (platform-api.md §10.3): the status (pending = submitting, the three
 * terminal words, any other word = generating with the platform's own word), the billing of a
 * succeeded task, and which of the four kinds of failure it was. Never "free" when billing failed.
 */
import type { TaskView } from '@contract';
import { formatYuan } from '@/lib/format';

export type Translate = (key: string, named?: Record<string, unknown>) => string;
export type Tone = 'running' | 'success' | 'error' | 'warning';

/**
 * In-progress words seen on the platform (§4.3) said in the user's language; the set is open,
 * so any other word is still shown as the platform wrote it.
 */
const PROGRESS_WORDS: Record<string, 'queued' | 'generating'> = {
  created: 'queued',
  queueing: 'queued',
  queued: 'queued',
  pending: 'queued',
  processing: 'generating',
  running: 'generating',
};

export function statusText(task: Pick<TaskView, 'status'>, t: Translate): string {
  const { status } = task;
  if (status === 'pending' || status === 'SUCCEEDED' || status === 'FAILED' || status === 'UNKNOWN') return t(`tasks.status.${status}`);
  const known = PROGRESS_WORDS[status.toLowerCase()];
  return known ? t(`tasks.status.${known}`) : t('tasks.status.running', { word: status });
}

export function statusTone(task: Pick<TaskView, 'status' | 'failureKind' | 'billing'>): Tone {
  if (task.status === 'SUCCEEDED') return task.billing === 'failed' ? 'warning' : 'success';
  if (task.status === 'FAILED') return task.failureKind === 'lost_track' ? 'warning' : 'error';
  if (task.status === 'UNKNOWN') return 'warning';
  return 'running';
}

/** The billing of a succeeded task, or null when there is nothing to say yet. */
export function billingText(task: Pick<TaskView, 'billing' | 'amount'>, t: Translate): string | null {
  if (!task.billing) return null;
  if (task.billing === 'accounted') return t('tasks.billing.accounted', { amount: formatYuan(task.amount ?? null, { precise: true }) });
  return t(`tasks.billing.${task.billing}`);
}

/** Which kind of failure, in words; the platform's reason is shown apart, as written. */
export function failureText(task: Pick<TaskView, 'failureKind'>, t: Translate): string | null {
  return task.failureKind ? t(`tasks.failure.${task.failureKind}`) : null;
}
