/**
 * A problem the studio found in what the user entered: an i18n key under `studio.problems`
 * and its parameters, so the same check reads well in Chinese and in English.
 */
export interface Problem {
  key: string;
  params?: Record<string, string | number>;
}

export const problem = (name: string, params?: Problem['params']): Problem =>
  params ? { key: `studio.problems.${name}`, params } : { key: `studio.problems.${name}` };
