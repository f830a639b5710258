import type { TaskView } from '../models';
import type { Route } from './route';

/** The task ledger and its poller (platform-api.md §5, §10.1–§10.3). */
export interface TasksRoutes {
  /** Every task in the ledger, newest first (hidden ones only when asked). */
  'tasks.list': Route<{ includeHidden?: boolean }, TaskView[]>;
  /** Hides a task from the list; the record and its tracking stay (there is no cancel, §10.3). */
  'tasks.hide': Route<{ localId: string }, TaskView>;
  /** Asks the poller for a round now (the refresh button, coming back to the screen). */
  'tasks.refresh': Route<void, null>;
  /** Opens the task's result URL in the system browser (main looks the URL up itself). */
  'tasks.openResult': Route<{ localId: string }, null>;
}
