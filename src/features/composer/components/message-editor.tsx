import { useEffect, useRef, useState } from 'react';
import { cn } from '../../../components/ui/cn';
import { inputClass } from '../../../components/ui/field';
import { loadCodeEditor, onCodeEditorLoaded, prefetchCodeEditorWhenIdle } from '../utils/code-editor-loader';
import type { CodeEditorModule } from '../utils/code-editor-loader';
import type { Marks } from '../utils/cm-extensions';

export type MessageEditorProps = {
  id: string;
  value: string;
  onChange: (text: string) => void;
  /** true when the key was handled */
  onKey: (e: { key: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }) => boolean;
  invalid: boolean;
  describedBy: string;
  placeholder: string;
  /** Text mode: CodeMirror (JSON highlighting, marks); Hex and Base64 keep a plain monospace textarea. */
  code: boolean;
  json: boolean;
  marks: Marks;
};

// Fills the height its panel gives; where the panel leaves it open, 6rem. Never grows with the text (the editor scrolls).
const boxClass = 'min-h-[4.75rem] flex-1 basis-24 font-mono';

/**
 * The Message textbox: a textarea at once, swapped for CodeMirror once its chunk is here, focus
 * and selection kept. Even when the chunk is already here the swap waits for the first paint and
 * then takes a task of its own: creating the editor (and its first measure) is the costliest part
 * of the render that opens a connection, and a server that floods at once then has its first rows
 * drawn without waiting for it.
 */
export function MessageEditor(props: MessageEditorProps) {
  const [mod, setMod] = useState<CodeEditorModule | null>(null);
  const focusWith = useRef<{ anchor: number; head: number } | null>(null);
  // Read as the textarea leaves the page (React detaches refs before it removes the node), so a
  // focus or selection made while the swap was on its way is not lost.
  const textareaRef = (t: HTMLTextAreaElement | null) => {
    if (!t) return;
    return () => {
      focusWith.current = document.activeElement === t ? { anchor: t.selectionStart, head: t.selectionEnd } : null;
    };
  };

  useEffect(() => {
    if (!props.code) return;
    let frame = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = onCodeEditorLoaded((m) => {
      frame = requestAnimationFrame(() => {
        timer = setTimeout(() => setMod(() => m), 0);
      });
    });
    const cancel = prefetchCodeEditorWhenIdle();
    return () => {
      off();
      cancel();
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [props.code]);

  if (props.code && mod) {
    const { CodeEditor } = mod;
    return (
      <div className={cn(inputClass, boxClass, 'overflow-hidden p-0 focus-within:border-sky-400 focus-within:ring-1 focus-within:ring-sky-400 has-[[aria-invalid=true]]:border-rose-400')}>
        <CodeEditor {...props} label="Message" takeFocus={() => focusWith.current} />
      </div>
    );
  }
  return (
    <>
      <label htmlFor={props.id} className="sr-only">
        Message
      </label>
      <textarea
        ref={textareaRef}
        id={props.id}
        className={cn(inputClass, boxClass, 'resize-none focus:ring-1 focus:ring-sky-400')}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        onKeyDown={(e) => {
          if (props.onKey(e)) e.preventDefault();
        }}
        // Whoever reaches the box before the idle prefetch gets the editor at once.
        onFocus={props.code ? () => void loadCodeEditor().catch(() => {}) : undefined}
        placeholder={props.placeholder}
        aria-invalid={props.invalid ? true : undefined}
        aria-describedby={props.describedBy}
        aria-multiline="true"
        spellCheck={false}
        autoCorrect="off"
        autoCapitalize="off"
      />
    </>
  );
}
