export { saveBlob } from '../../../components/ui/save-blob';

/** A PNG of a chart's canvas on the theme's background (the canvas itself is transparent). */
export function canvasPng(canvas: HTMLCanvasElement, background: string): Promise<Blob> {
  const out = document.createElement('canvas');
  out.width = canvas.width;
  out.height = canvas.height;
  const ctx = out.getContext('2d');
  if (!ctx) return Promise.reject(new Error('no 2D context for the PNG'));
  ctx.fillStyle = background;
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.drawImage(canvas, 0, 0);
  return new Promise((resolve, reject) => out.toBlob((b) => (b ? resolve(b) : reject(new Error('the PNG could not be made'))), 'image/png'));
}

/** "sockpit-traffic-2026-12-01T10-42-03.csv" */
export function fileStamp(what: string, ext: string, now = new Date()): string {
  return `sockpit-${what}-${now.toISOString().slice(0, 19).replace(/:/g, '-')}.${ext}`;
}
