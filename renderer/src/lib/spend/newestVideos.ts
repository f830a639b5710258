/** The overview's task figures, pure: running tasks and the newest finished videos, newest first. */
import type { TaskView } from '@contract';

export function runningTasks(tasks: Iterable<TaskView>, limit: number): TaskView[] {
  const running: TaskView[] = [];
  for (const task of tasks) if (!task.terminal && !task.hidden) running.push(task);
  return running.sort((a, b) => b.createdAt - a.createdAt).slice(0, limit);
}

/** Succeeded tasks with a result, by when they finished (else last changed). */
export function newestVideos(tasks: Iterable<TaskView>, limit: number): TaskView[] {
  const done: TaskView[] = [];
  for (const task of tasks) if (task.status === 'SUCCEEDED' && !task.hidden && task.resultUrls.length > 0) done.push(task);
  const when = (task: TaskView) => task.finishedAt ?? task.updatedAt;
  return done.sort((a, b) => when(b) - when(a)).slice(0, limit);
}
