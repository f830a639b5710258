import { describe, expect, it } from 'vitest';
import { checkTemplate, renderTemplate } from './template';

const VALUES = { date: '2026-12-02', time: '14-30-05', model: 'viduq1', prompt: 'egret', taskid: '803110', catalog: 't2v' };

describe('file-name template', () => {
  it('accepts the default and every known placeholder', () => {
    expect(checkTemplate('{date}_{model}_{prompt}_{taskid}')).toBeNull();
    expect(checkTemplate('{time} {catalog} – {prompt}')).toBeNull();
  });

  it('names what is wrong', () => {
    expect(checkTemplate('  ')).toEqual({ kind: 'empty' });
    expect(checkTemplate('{date}_{user}')).toEqual({ kind: 'unknown', name: 'user' });
    expect(checkTemplate('{date')).toEqual({ kind: 'brace' });
    expect(checkTemplate('date}')).toEqual({ kind: 'brace' });
    expect(checkTemplate('{da{te}')).toEqual({ kind: 'brace' });
    expect(checkTemplate('{date}/{model}')).toEqual({ kind: 'illegal', chars: '/' });
    expect(checkTemplate('{date}:{model}?')).toEqual({ kind: 'illegal', chars: ': ?' });
    expect(checkTemplate('video')).toEqual({ kind: 'noPlaceholder' });
    expect(checkTemplate(`{date}${'x'.repeat(300)}`)).toEqual({ kind: 'tooLong', max: 200 });
  });

  it('renders an example name', () => {
    expect(renderTemplate('{date}_{model}_{prompt}_{taskid}', VALUES)).toBe('2026-12-02_viduq1_egret_803110.mp4');
    expect(renderTemplate('{catalog}-{time}', VALUES)).toBe('t2v-14-30-05.mp4');
  });
});
