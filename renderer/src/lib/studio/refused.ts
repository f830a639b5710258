/**
 * Main checks every picked image (platform-api.md §10.4) and names the ones it refused; these
 * turn its problem words into the same sentences the form uses for its own checks.
 */
import type { RefusedImage } from '@contract';
import { formatBytes, MAX_IMAGE_BYTES, MIN_IMAGE_SIDE } from './image-check';
import { problem, type Problem } from './problems';

export function refusedProblem(refused: RefusedImage): Problem {
  const width = refused.width ?? '?';
  const height = refused.height ?? '?';
  switch (refused.problem) {
    case 'type':
      return problem('imageType', { type: refused.name.split('.').pop() ?? '?' });
    case 'too_large':
      return problem('imageTooLarge', { size: refused.bytes === undefined ? '?' : formatBytes(refused.bytes), max: formatBytes(MAX_IMAGE_BYTES) });
    case 'too_small':
      return problem('imageTooSmall', { width, height, min: MIN_IMAGE_SIDE });
    case 'aspect':
      return problem('imageAspect', { width, height });
    default:
      return problem('imageUnreadable');
  }
}

/** Thrown by a picker when main refused the file: the form shows the problem, not a failure. */
export class PickRefused extends Error {
  constructor(
    readonly problem: Problem,
    readonly fileName: string,
  ) {
    super(`refused ${fileName}: ${problem.key}`);
    this.name = 'PickRefused';
  }
}
