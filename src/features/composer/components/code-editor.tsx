import { useEffect, useLayoutEffect, useRef } from 'react';
import { EditorSelection, EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { attributesSlot, editorExtensions, jsonLanguage, languageSlot, setMarks } from '../utils/cm-extensions';
import type { Marks } from '../utils/cm-extensions';

export type CodeEditorProps = {
  /** id of the editable element (the textbox named "Message") */
  id: string;
  label: string;
  value: string;
  onChange: (text: string) => void;
  /** true when the key was handled */
  onKey: (e: KeyboardEvent) => boolean;
  invalid: boolean;
  describedBy: string;
  /** highlight as JSON */
  json: boolean;
  marks: Marks;
  placeholder: string;
  /** asked on mount: take the focus with this selection (the textarea it replaces had it) */
  takeFocus?: () => { anchor: number; head: number } | null;
};

function attributesOf(p: CodeEditorProps): Record<string, string> {
  const a: Record<string, string> = { id: p.id, 'aria-label': p.label, 'aria-describedby': p.describedBy, 'aria-multiline': 'true' };
  if (p.invalid) a['aria-invalid'] = 'true';
  return a;
}

/** The composer's text editor: CodeMirror 6 around the draft, which stays the one source of the text. */
export function CodeEditor(props: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const latest = useRef(props);
  // The text the editor last reported, so the draft coming back does not reset the editor.
  const emitted = useRef(props.value);
  // The value this component was last given: effects act only when it changes, so an effect that runs
  // late (after the user typed) cannot push an older text back into the editor.
  const given = useRef(props.value);

  useLayoutEffect(() => {
    latest.current = props;
  });

  useLayoutEffect(() => {
    const p = latest.current;
    const hooks = {
      onChange: (text: string) => {
        emitted.current = text;
        latest.current.onChange(text);
      },
      onKey: (e: KeyboardEvent) => latest.current.onKey(e),
    };
    const length = p.value.length;
    const focus = p.takeFocus?.() ?? null;
    const sel = focus ? EditorSelection.single(Math.min(focus.anchor, length), Math.min(focus.head, length)) : undefined;
    const state = EditorState.create({ doc: p.value, selection: sel, extensions: editorExtensions(hooks, attributesOf(p), p.json) });
    const v = new EditorView({ state, parent: host.current! });
    view.current = v;
    if (focus) v.focus();
    return () => {
      v.destroy();
      view.current = null;
    };
  }, []);

  const { value, invalid, describedBy, id, label, json, marks } = props;
  useLayoutEffect(() => {
    const v = view.current;
    if (!v || value === given.current) return;
    given.current = value;
    if (value === emitted.current) return;
    emitted.current = value;
    if (value === v.state.doc.toString()) return;
    // Set from outside (history, Format, "Edit and send"): replace the text, caret at the end.
    v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value }, selection: { anchor: value.length } });
  }, [value]);

  useEffect(() => {
    view.current?.dispatch({ effects: attributesSlot.reconfigure(EditorView.contentAttributes.of(attributesOf(latest.current))) });
  }, [invalid, describedBy, id, label]);

  useEffect(() => {
    view.current?.dispatch({ effects: languageSlot.reconfigure(jsonLanguage(json)) });
  }, [json]);

  useLayoutEffect(() => {
    view.current?.dispatch({ effects: setMarks.of({ error: marks.error, surrogate: marks.surrogate }) });
  }, [marks.error, marks.surrogate, value]);

  return (
    <div className="relative h-full min-h-0">
      <div ref={host} className="h-full" />
      {value === '' ? (
        <div aria-hidden="true" className="pointer-events-none absolute inset-x-2 top-1 truncate font-mono text-zinc-500">
          {props.placeholder}
        </div>
      ) : null}
    </div>
  );
}
