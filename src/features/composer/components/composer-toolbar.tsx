import { Button } from '../../../components/ui/button';
import { RadioGroup } from '../../../components/ui/radio-group';
import type { BinaryFormat, ComposerMode } from '../../../store/types';

const MODES: { value: ComposerMode; label: string }[] = [
  { value: 'text', label: 'Text' },
  { value: 'binary', label: 'Binary' },
];
const FORMATS: { value: BinaryFormat; label: string }[] = [
  { value: 'hex', label: 'Hex' },
  { value: 'base64', label: 'Base64' },
  { value: 'file', label: 'File' },
];

export type ComposerToolbarProps = {
  id: string;
  mode: ComposerMode;
  binaryFormat: BinaryFormat;
  onMode: (mode: ComposerMode) => void;
  onBinaryFormat: (format: BinaryFormat) => void;
  /** Format and Minify are enabled when the text is JSON */
  jsonValid: boolean;
  onFormat: () => void;
  onMinify: () => void;
};

/** The composer's one line of controls: frame type, binary input, and Format/Minify at the right. */
export function ComposerToolbar({ id, mode, binaryFormat, onMode, onBinaryFormat, jsonValid, onFormat, onMinify }: ComposerToolbarProps) {
  const why = jsonValid ? undefined : 'Enabled when the message is valid JSON';
  return (
    <div className="flex min-w-0 items-center gap-3">
      <RadioGroup legend="Frame type" name={`${id}-mode`} options={MODES} value={mode} onChange={onMode} />
      {mode === 'binary' ? <RadioGroup legend="Binary input" name={`${id}-format`} options={FORMATS} value={binaryFormat} onChange={onBinaryFormat} /> : null}
      {mode === 'text' ? (
        <div className="ml-auto flex gap-1">
          <Button size="sm" variant="ghost" onClick={onFormat} disabled={!jsonValid} title={why ?? 'Indent the JSON, two spaces; tokens kept as written'}>
            Format
          </Button>
          <Button size="sm" variant="ghost" onClick={onMinify} disabled={!jsonValid} title={why ?? 'Remove the whitespace between JSON tokens'}>
            Minify
          </Button>
        </div>
      ) : null}
    </div>
  );
}
