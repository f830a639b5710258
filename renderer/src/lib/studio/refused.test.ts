import { describe, expect, it } from 'vitest';
import { refusedProblem } from './refused';

describe('refusedProblem', () => {
  it('words each of main’s refusals like the form’s own check', () => {
    expect(refusedProblem({ name: 'a.gif', problem: 'type' })).toEqual({ key: 'studio.problems.imageType', params: { type: 'gif' } });
    expect(refusedProblem({ name: 'a.png', problem: 'too_small', width: 100, height: 90 }).params).toMatchObject({ width: 100, height: 90, min: 128 });
    expect(refusedProblem({ name: 'a.png', problem: 'aspect', width: 100, height: 900 }).key).toBe('studio.problems.imageAspect');
    expect(refusedProblem({ name: 'a.png', problem: 'too_large', bytes: 9 * 1024 * 1024 }).key).toBe('studio.problems.imageTooLarge');
    expect(refusedProblem({ name: 'a.png', problem: 'unreadable' }).key).toBe('studio.problems.imageUnreadable');
  });
});
