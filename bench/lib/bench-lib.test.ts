import { describe, expect, it } from 'vitest';
import { initialAssets } from './bundle-size.mjs';
import { median, rate, table } from './stats.mjs';

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
