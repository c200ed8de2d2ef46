import { describe, expect, it } from 'vitest';
import { initialAssets } from './bundle-size.mjs';
import { median, rate, table } from './stats.mjs';
import { longFramesText, summarizeLongFrames } from './loaf.mjs';

// The bench's pure helpers. The benchmark itself never runs under `npm test`.

describe('median', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('ignores failed runs (NaN) and is NaN when none is left', () => {
    expect(median([Number.NaN, 5, 7, Number.NaN, 6])).toBe(6);
    expect(median([Number.NaN])).toBeNaN();
  });
});

describe('rate', () => {
  it('is messages per second between the open event and the last message', () => {
    expect(rate(200_000, 1_000, 11_000)).toBe(20_000);
  });

  it('is NaN for an empty interval', () => {
    expect(rate(10, 5, 5)).toBeNaN();
  });
});

describe('initialAssets', () => {
  it('lists module scripts, modulepreloads and stylesheets, not icons', () => {
    const html = `<!doctype html><html><head>
      <link rel="icon" href="./favicon.svg" type="image/svg+xml" />
      <script type="module" crossorigin src="./assets/index-abc.js"></script>
      <link rel="modulepreload" crossorigin href="./assets/vendor-def.js">
      <link rel="stylesheet" crossorigin href="./assets/index-123.css">
    </head><body><div id="root"></div></body></html>`;
    expect(initialAssets(html)).toEqual({
      js: ['./assets/index-abc.js', './assets/vendor-def.js'],
      css: ['./assets/index-123.css'],
    });
  });
});

describe('table', () => {
  it('pads columns and aligns numbers right', () => {
    expect(table(['case', 'msg/s'], [['a', '1,000'], ['bb', '7']], ['l', 'r'])).toBe(
      ['| case | msg/s |', '|:-----|------:|', '| a    | 1,000 |', '| bb   |     7 |'].join('\n'),
    );
  });
});

describe('summarizeLongFrames', () => {
  const script = (fn: string, duration: number, forced = 0) => ({
    invoker: 'FrameRequestCallback',
    invokerType: 'user-callback',
    sourceURL: '/assets/socket-service.js',
    sourceFunctionName: fn,
    sourceCharPosition: 10,
    duration,
    forcedStyleAndLayoutDuration: forced,
    pauseDuration: 0,
  });
  const frame = (duration: number, scripts: ReturnType<typeof script>[], renderMs: number) => ({
    start: 0,
    duration,
    blockingDuration: duration - 50,
    scriptsMs: scripts.reduce((s, x) => s + x.duration, 0),
    renderMs,
    styleLayoutMs: renderMs / 2,
    otherMs: duration - renderMs - scripts.reduce((s, x) => s + x.duration, 0),
    scripts,
  });

  it('sums the frames and ranks the scripts by time, one name per invoker, function and position', () => {
    const s = summarizeLongFrames([frame(80, [script('flushFrame', 40, 10)], 30), frame(60, [script('flushFrame', 20, 5), script('onmessage', 30)], 10)]);
    expect(s.frames).toBe(2);
    expect(s.longestMs).toBe(80);
    expect(s.totalMs).toBe(140);
    expect(s.forcedMs).toBe(15);
    expect(s.top.map((a) => [a.key, a.ms, a.count, a.maxMs])).toEqual([
      ['FrameRequestCallback → flushFrame (socket-service.js:10)', 60, 2, 40],
      ['FrameRequestCallback → onmessage (socket-service.js:10)', 30, 1, 30],
    ]);
    expect(longFramesText('case', s)[0]).toContain('2 long frames, 140 ms in all');
  });

  it('says so when there was no long frame', () => {
    expect(longFramesText('case', summarizeLongFrames([]))).toEqual(['case: no frame of 50 ms or more.']);
  });
});
