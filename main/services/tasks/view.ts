/** A ledger record as the renderer sees it (the contract's TaskView): bookkeeping fields dropped, `terminal` added. */
import type { TaskView } from '../../../preload/contract/models/tasks';
import { isTerminal } from './status';
import type { TaskRecord } from './types';

export function toTaskView(record: TaskRecord): TaskView {
  const { lastRemoteChangeAt: _changed, lastNudgeAt: _nudged, ...shown } = record;
  return { ...shown, params: { ...record.params }, inputImages: [...record.inputImages], resultUrls: [...record.resultUrls], terminal: isTerminal(record.status) };
}
