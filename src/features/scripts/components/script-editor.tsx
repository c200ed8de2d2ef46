import { useEffect, useLayoutEffect, useRef } from 'react';
import { Compartment, EditorState } from '@codemirror/state';
import { EditorView, highlightActiveLine, highlightSpecialChars, keymap, lineNumbers } from '@codemirror/view';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { HighlightStyle, bracketMatching, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { javascript } from '@codemirror/lang-javascript';
import { lintGutter, setDiagnostics } from '@codemirror/lint';
import type { Diagnostic } from '@codemirror/lint';
import { tags } from '@lezer/highlight';

/*
 * The Scripts panel's editor: CodeMirror 6 in JavaScript mode, in its own
 * chunk (loaded when the panel opens). The same colours as the composer's
 * editor (the app's CSS variables, so both themes follow), and the engine's
 * errors as lint diagnostics at their line and column.
 */

/** An error from the engine, 1-based like the engine reports it. */
export interface ScriptMark {
  line: number;
  column?: number | undefined;
  message: string;
}

export type ScriptEditorProps = {
  id: string;
  label: string;
  value: string;
  onChange: (text: string) => void;
  describedBy: string;
  marks: readonly ScriptMark[];
  readOnly?: boolean;
};

const highlight = HighlightStyle.define([
  { tag: [tags.keyword, tags.controlKeyword, tags.definitionKeyword, tags.moduleKeyword], color: 'var(--color-violet-300)' },
  { tag: [tags.string, tags.special(tags.string)], color: 'var(--color-emerald-300)' },
  { tag: tags.number, color: 'var(--color-amber-300)' },
  { tag: [tags.bool, tags.null], color: 'var(--color-violet-300)' },
  { tag: [tags.function(tags.variableName), tags.function(tags.propertyName)], color: 'var(--color-sky-300)' },
  { tag: tags.propertyName, color: 'var(--color-sky-200)' },
  { tag: tags.comment, color: 'var(--color-zinc-400)', fontStyle: 'italic' },
  { tag: [tags.brace, tags.squareBracket, tags.paren, tags.separator, tags.punctuation, tags.operator], color: 'var(--color-zinc-400)' },
]);

const theme = EditorView.theme({
  '&': { height: '100%', fontSize: 'inherit', color: 'var(--color-zinc-100)', backgroundColor: 'transparent' },
  '&.cm-focused': { outline: 'none' },
  '.cm-scroller': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', lineHeight: '1.5', overflow: 'auto' },
  '.cm-content': { padding: '4px 0', caretColor: 'var(--color-zinc-100)' },
  '.cm-gutters': { backgroundColor: 'transparent', color: 'var(--color-zinc-400)', borderRight: '1px solid var(--color-zinc-800)' },
  '.cm-activeLine': { backgroundColor: 'color-mix(in oklab, var(--color-zinc-700) 25%, transparent)' },
  '.cm-cursor': { borderLeftColor: 'var(--color-zinc-100)' },
  '.cm-content ::selection': { backgroundColor: 'var(--color-sky-800)' },
  '.cm-lintRange-error': { backgroundImage: 'none', textDecoration: 'underline wavy var(--color-rose-400)', textDecorationSkipInk: 'none', backgroundColor: 'color-mix(in oklab, var(--color-rose-500) 30%, transparent)' },
  '.cm-tooltip': { backgroundColor: 'var(--color-zinc-900)', color: 'var(--color-zinc-100)', border: '1px solid var(--color-zinc-600)' },
});

function attrs(p: ScriptEditorProps): Record<string, string> {
  return { id: p.id, 'aria-label': p.label, 'aria-describedby': p.describedBy, 'aria-multiline': 'true', spellcheck: 'false' };
}

/** The engine's marks as diagnostics: a line's column (or its first character) to the end of its word. */
function diagnostics(state: EditorState, marks: readonly ScriptMark[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const m of marks) {
    if (m.line < 1 || m.line > state.doc.lines) continue;
    const line = state.doc.line(m.line);
    const from = Math.min(line.to, line.from + Math.max(0, (m.column ?? 1) - 1));
    const rest = state.doc.sliceString(from, line.to);
    const word = /^\w+/.exec(rest)?.[0].length ?? 1;
    out.push({ from, to: Math.min(line.to, from + word), severity: 'error', message: m.message });
  }
  return out;
}

export function ScriptEditor(props: ScriptEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const latest = useRef(props);
  const emitted = useRef(props.value);
  const attributes = useRef(new Compartment());
  const editable = useRef(new Compartment());

  useLayoutEffect(() => {
    latest.current = props;
  });

  useLayoutEffect(() => {
    const p = latest.current;
    const state = EditorState.create({
      doc: p.value,
      extensions: [
        EditorState.lineSeparator.of('\n'),
        lineNumbers(),
        history(),
        indentOnInput(),
        bracketMatching(),
        highlightActiveLine(),
        highlightSpecialChars(),
        // Tab indents; Escape then Tab leaves the editor (CodeMirror's own escape hatch).
        keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
        javascript(),
        syntaxHighlighting(highlight),
        lintGutter(),
        attributes.current.of(EditorView.contentAttributes.of(attrs(p))),
        editable.current.of(EditorState.readOnly.of(p.readOnly === true)),
        theme,
        EditorView.updateListener.of((u) => {
          if (!u.docChanged) return;
          const text = u.state.doc.toString();
          emitted.current = text;
          latest.current.onChange(text);
        }),
      ],
    });
    const v = new EditorView({ state, parent: host.current! });
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
  }, []);

  const { value, marks, id, label, describedBy, readOnly } = props;
  useLayoutEffect(() => {
    const v = view.current;
    if (!v || value === emitted.current) return;
    emitted.current = value;
    if (value === v.state.doc.toString()) return;
    v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } });
  }, [value]);

  useEffect(() => {
    view.current?.dispatch({ effects: attributes.current.reconfigure(EditorView.contentAttributes.of(attrs(latest.current))) });
  }, [id, label, describedBy]);

  useEffect(() => {
    view.current?.dispatch({ effects: editable.current.reconfigure(EditorState.readOnly.of(readOnly === true)) });
  }, [readOnly]);

  useEffect(() => {
    const v = view.current;
    if (v) v.dispatch(setDiagnostics(v.state, diagnostics(v.state, marks)));
  }, [marks, value]);

  return <div ref={host} className="h-full min-h-0 overflow-hidden rounded-md text-sm border border-zinc-700 bg-zinc-900 focus-within:border-sky-400 focus-within:outline-2 focus-within:outline-sky-400" />;
}
