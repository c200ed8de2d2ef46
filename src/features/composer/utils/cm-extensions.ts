import { Compartment, EditorState, Prec, StateEffect, StateField } from '@codemirror/state';
import type { Extension, Range } from '@codemirror/state';
import { Decoration, EditorView, WidgetType, highlightSpecialChars, keymap } from '@codemirror/view';
import type { DecorationSet } from '@codemirror/view';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { json } from '@codemirror/lang-json';
import { tags } from '@lezer/highlight';

/*
 * The composer's CodeMirror setup (loaded in the editor's own chunk). Colours
 * are the app's CSS variables, which html.theme-light redefines, so the editor
 * follows the theme by itself; sizes are inherited, so Large text applies too.
 */

export interface Marks {
  /** where the JSON stops being JSON */
  error: number | null;
  /** the first lone surrogate */
  surrogate: number | null;
}

export const setMarks = StateEffect.define<Marks>();

class EndOfTextMark extends WidgetType {
  eq(): boolean {
    return true;
  }
  toDOM(): HTMLElement {
    const el = document.createElement('span');
    el.className = 'cm-json-error-end';
    el.setAttribute('aria-hidden', 'true');
    return el;
  }
}

function decorate(state: EditorState, marks: Marks): DecorationSet {
  const ranges: Range<Decoration>[] = [];
  const { length } = state.doc;
  if (marks.error !== null && marks.error <= length) {
    const ch = state.doc.sliceString(marks.error, marks.error + 1);
    if (ch === '' || ch === '\n') ranges.push(Decoration.widget({ widget: new EndOfTextMark(), side: 1 }).range(marks.error));
    else ranges.push(Decoration.mark({ class: 'cm-json-error' }).range(marks.error, marks.error + 1));
  }
  if (marks.surrogate !== null && marks.surrogate < length) ranges.push(Decoration.mark({ class: 'cm-lone-surrogate' }).range(marks.surrogate, marks.surrogate + 1));
  return Decoration.set(ranges, true);
}

const marksField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(deco, tr) {
    let next = deco.map(tr.changes);
    for (const e of tr.effects) if (e.is(setMarks)) next = decorate(tr.state, e.value);
    return next;
  },
  provide: (f) => EditorView.decorations.from(f),
});

const highlight = HighlightStyle.define([
  { tag: tags.propertyName, color: 'var(--color-sky-300)' },
  { tag: tags.string, color: 'var(--color-emerald-300)' },
  { tag: tags.number, color: 'var(--color-amber-300)' },
  { tag: [tags.bool, tags.null], color: 'var(--color-violet-300)' },
  { tag: [tags.brace, tags.squareBracket, tags.separator, tags.punctuation], color: 'var(--color-zinc-400)' },
]);

const theme = EditorView.theme({
  '&': { height: '100%', fontSize: 'inherit', color: 'var(--color-zinc-100)', backgroundColor: 'transparent' },
  '&.cm-focused': { outline: 'none' },
  '.cm-scroller': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', lineHeight: '1.5', overflow: 'auto' },
  '.cm-content': { padding: '4px 0', caretColor: 'var(--color-zinc-100)' },
  '.cm-line': { padding: '0 8px' },
  '.cm-cursor': { borderLeftColor: 'var(--color-zinc-100)' },
  '.cm-content ::selection': { backgroundColor: 'var(--color-sky-800)' },
  '.cm-json-error': { textDecoration: 'underline wavy var(--color-rose-400)', textDecorationSkipInk: 'none', backgroundColor: 'color-mix(in oklab, var(--color-rose-500) 30%, transparent)' },
  '.cm-json-error-end': { display: 'inline-block', width: '0.6em', height: '1.2em', verticalAlign: 'text-bottom', backgroundColor: 'color-mix(in oklab, var(--color-rose-500) 45%, transparent)', borderBottom: '2px solid var(--color-rose-400)' },
  '.cm-lone-surrogate': { textDecoration: 'underline wavy var(--color-amber-300)', textDecorationSkipInk: 'none' },
});

export const languageSlot = new Compartment();
export const attributesSlot = new Compartment();

export const jsonLanguage = (on: boolean): Extension => (on ? json() : []);

export interface EditorHooks {
  onChange: (text: string) => void;
  /** true when the key was handled (the editor then ignores it) */
  onKey: (e: KeyboardEvent) => boolean;
}

export function editorExtensions(hooks: EditorHooks, attrs: Record<string, string>, jsonOn: boolean): Extension[] {
  return [
    // Only "\n" breaks lines, so a "\r" typed or pasted stays in the text: what is typed is what is sent.
    EditorState.lineSeparator.of('\n'),
    Prec.highest(
      EditorView.domEventHandlers({
        keydown: (e) => {
          if (!hooks.onKey(e)) return false;
          e.preventDefault();
          return true;
        },
      }),
    ),
    history(),
    keymap.of([...defaultKeymap, ...historyKeymap]),
    highlightSpecialChars(),
    EditorView.lineWrapping,
    syntaxHighlighting(highlight),
    languageSlot.of(jsonLanguage(jsonOn)),
    attributesSlot.of(EditorView.contentAttributes.of(attrs)),
    marksField,
    theme,
    EditorView.updateListener.of((u) => {
      if (u.docChanged) hooks.onChange(u.state.doc.toString());
    }),
  ];
}
