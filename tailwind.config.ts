import type { Config } from 'tailwindcss';

// Tailwind v4 reads its theme from CSS; this file is loaded by `@config` in
// src/index.css and holds the few settings that are easier to read as code.
export default {
  darkMode: 'class',
  theme: {
    extend: {
      fontFamily: {
        mono: ['ui-monospace', 'SFMono-Regular', 'Menlo', 'Consolas', 'monospace'],
      },
    },
  },
} satisfies Config;
