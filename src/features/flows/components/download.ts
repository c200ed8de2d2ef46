import { saveBlob } from '../../../components/ui/save-blob';

/** Saves a flow's text as a JSON file. */
export function download(name: string, text: string): void {
  saveBlob(new Blob([text], { type: 'application/json' }), name);
}
