/**
 * The charts' colours and text size, read from the page (the theme swaps
 * Tailwind's palette variables on <html>, Large text scales the root font),
 * so a canvas chart follows both. `watchLook` calls back when either changes.
 */

export interface Look {
  theme: 'light' | 'dark';
  large: boolean;
  /** a short window (under 820 px): shorter plots */
  compact: boolean;
  /** px */
  font: number;
  text: string;
  dim: string;
  grid: string;
  background: string;
  received: string;
  sent: string;
  receivedBytes: string;
  sentBytes: string;
  open: string;
  close: string;
  error: string;
  reconnect: string;
  gap: string;
  range: string;
}

function cssVar(style: CSSStyleDeclaration, name: string, fallback: string): string {
  const v = style.getPropertyValue(name).trim();
  return v === '' ? fallback : v;
}

export function readLook(): Look {
  const root = document.documentElement;
  const style = getComputedStyle(root);
  const light = root.classList.contains('theme-light');
  const large = root.classList.contains('text-large');
  const v = (name: string, fallback: string) => cssVar(style, `--color-${name}`, fallback);
  return {
    theme: light ? 'light' : 'dark',
    large,
    compact: window.innerHeight < 820,
    font: large ? 15 : 12,
    text: v('zinc-300', '#d4d4d8'),
    dim: v('zinc-400', '#a1a1aa'),
    grid: v('zinc-800', '#27272a'),
    background: v('zinc-950', '#09090b'),
    received: v('sky-400', '#38bdf8'),
    sent: v('amber-400', '#fbbf24'),
    receivedBytes: v('cyan-300', '#67e8f9'),
    sentBytes: v('orange-300', '#fdba74'),
    open: v('emerald-400', '#34d399'),
    close: v('zinc-400', '#a1a1aa'),
    error: v('rose-400', '#fb7185'),
    reconnect: v('violet-400', '#a78bfa'),
    gap: light ? 'rgba(225, 29, 72, 0.10)' : 'rgba(251, 113, 133, 0.14)',
    range: light ? 'rgba(2, 132, 199, 0.14)' : 'rgba(56, 189, 248, 0.16)',
  };
}

export function lookKey(l: Look): string {
  return `${l.theme}:${l.large ? 'L' : 'n'}:${l.compact ? 'c' : 'f'}`;
}

/** Calls `onChange` when the theme or text size of the page changes. */
export function watchLook(onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['class'] });
  return () => observer.disconnect();
}
